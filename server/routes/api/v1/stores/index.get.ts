import { defineHandler } from 'nitro'
import { resolveAccess } from '~server/utils/auth/access/resolve-access'
import { listStoresOf } from '~server/utils/auth/access/list-stores'

export default defineHandler(async (event) => {
  return { stores: await listStoresOf(await resolveAccess(event)) }
})
