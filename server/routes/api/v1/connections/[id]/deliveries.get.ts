import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { connectionNotFound, findConnection, listDeliveries } from '~server/utils/connectors/connections'
import { readUuidParam } from '~server/utils/http/read-uuid-param'
import { readQuery } from '~server/utils/http/validate'
import { DeliveriesQuerySchema } from '~shared/schemas/connections'

export default defineHandler(async (event) => {
  const { db, storeId } = await requirePermission(event, 'connections:read')
  const connection = await findConnection(db, storeId, readUuidParam(event, 'id', connectionNotFound))
  const { limit } = readQuery(event, DeliveriesQuerySchema)
  return { deliveries: await listDeliveries(db, connection, limit) }
})
