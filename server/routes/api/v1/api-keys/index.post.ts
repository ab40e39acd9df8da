import { defineHandler } from 'nitro'
import { createApiKey } from '~server/utils/api-keys/api-keys'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { CreateApiKeySchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { db, storeId, actor } = await requirePermission(event, 'api_keys:manage')
  const { name, scopes } = await readJsonBody(event, CreateApiKeySchema)
  const created = await createApiKey(db, storeId, name, scopes, actor)
  event.res.status = 201
  return created
})
