import { defineHandler } from 'nitro'
import { listApiKeys } from '~server/utils/api-keys/api-keys'
import { requirePermission } from '~server/utils/auth/access/require-permission'

export default defineHandler(async (event) => {
  const { db, storeId } = await requirePermission(event, 'api_keys:manage')
  return { apiKeys: await listApiKeys(db, storeId) }
})
