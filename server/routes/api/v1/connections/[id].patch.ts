import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { connectionNotFound, updateConnection } from '~server/utils/connectors/connections'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readUuidParam } from '~server/utils/http/read-uuid-param'
import { UpdateConnectionSchema } from '~shared/schemas/connections'

export default defineHandler(async (event) => {
  const { db, storeId } = await requirePermission(event, 'connections:manage')
  const id = readUuidParam(event, 'id', connectionNotFound)
  const input = await readJsonBody(event, UpdateConnectionSchema)
  return updateConnection(db, storeId, id, input, event.url.origin)
})
