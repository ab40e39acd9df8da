import { defineHandler } from 'nitro'
import { resolveAccess } from '~server/utils/auth/resolve-access'
import { listStoresOf } from '~server/utils/stores/list-stores'

export default defineHandler(async (event) => {
  return { stores: await listStoresOf(await resolveAccess(event)) }
})
