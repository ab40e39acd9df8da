import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { readUuidParam } from '~server/utils/http/read-uuid-param'
import { endSessionsOf } from '~server/utils/team/end-access'
import { memberNotFound, removeMember } from '~server/utils/team/memberships'

export default defineHandler(async (event) => {
  const { db, dialect, storeId } = await requirePermission(event, 'team:manage')
  const userId = readUuidParam(event, 'userId', memberNotFound)
  await removeMember(db, dialect, storeId, userId)
  await endSessionsOf(userId, storeId)
  event.res.status = 204
  return null
})
