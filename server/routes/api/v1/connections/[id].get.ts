import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { connectionNotFound, findConnection, readConnectionStats, toConnection } from '~server/utils/connectors/connections'
import { readUuidParam } from '~server/utils/http/read-uuid-param'

export default defineHandler(async (event) => {
  const { db, storeId } = await requirePermission(event, 'connections:read')
  const row = await findConnection(db, storeId, readUuidParam(event, 'id', connectionNotFound))
  return { ...toConnection(row, event.url.origin), stats: await readConnectionStats(db, row) }
})
