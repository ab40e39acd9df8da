import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { createApiError } from '~server/utils/http/errors'
import { readUuidParam } from '~server/utils/http/read-uuid-param'
import { revokeInvitation } from '~server/utils/team/invitations'

export default defineHandler(async (event) => {
  const { db, storeId } = await requirePermission(event, 'team:manage')
  const id = readUuidParam(event, 'id', () => createApiError('invitation_not_found'))
  await revokeInvitation(db, storeId, id)
  event.res.status = 204
  return null
})
