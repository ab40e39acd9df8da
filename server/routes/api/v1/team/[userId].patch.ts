import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readUuidParam } from '~server/utils/http/read-uuid-param'
import { closeStreamsOf } from '~server/utils/team/end-access'
import { changeMemberRole, memberNotFound } from '~server/utils/team/memberships'
import { ChangeRoleSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { db, dialect, storeId } = await requirePermission(event, 'team:manage')
  const userId = readUuidParam(event, 'userId', memberNotFound)
  const { role } = await readJsonBody(event, ChangeRoleSchema)
  const member = await changeMemberRole(db, dialect, storeId, userId, role)
  // Requests see the new role at once; open streams reconnect under it.
  closeStreamsOf(userId, storeId)
  return member
})
