import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { connectionNotFound, deleteConnection } from '~server/utils/connectors/connections'
import { readUuidParam } from '~server/utils/http/read-uuid-param'

export default defineHandler(async (event) => {
  const { db, storeId } = await requirePermission(event, 'connections:manage')
  await deleteConnection(db, storeId, readUuidParam(event, 'id', connectionNotFound))
  event.res.status = 204
  return null
})
