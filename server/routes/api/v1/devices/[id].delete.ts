import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { deviceNotFound, revokeDevice } from '~server/utils/devices/devices'
import { readUuidParam } from '~server/utils/http/read-uuid-param'
import { endSessionsOf } from '~server/utils/team/end-access'

export default defineHandler(async (event) => {
  const { db, storeId } = await requirePermission(event, 'devices:manage')
  const id = readUuidParam(event, 'id', deviceNotFound)
  const sessionId = await revokeDevice(db, storeId, id)
  await endSessionsOf(id, storeId, sessionId ? [sessionId] : [])
  event.res.status = 204
  return null
})
