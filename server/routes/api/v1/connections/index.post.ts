import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { createConnection } from '~server/utils/connectors/connections'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { CreateConnectionSchema } from '~shared/schemas/connections'

export default defineHandler(async (event) => {
  const { db, storeId, actor } = await requirePermission(event, 'connections:manage')
  const input = await readJsonBody(event, CreateConnectionSchema)
  const created = await createConnection(db, storeId, input, actor, event.url.origin)
  event.res.status = 201
  return created
})
