import { defineHandler } from 'nitro'
import { listStoresOf } from '~server/utils/auth/access/list-stores'
import { resolveAccess } from '~server/utils/auth/access/resolve-access'

export default defineHandler(async (event) => {
  return { stores: await listStoresOf(await resolveAccess(event)) }
})
