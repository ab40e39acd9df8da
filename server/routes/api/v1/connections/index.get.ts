import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { listConnections } from '~server/utils/connectors/connections'

export default defineHandler(async (event) => {
  const { db, storeId } = await requirePermission(event, 'connections:read')
  return { connections: await listConnections(db, storeId, event.url.origin) }
})
