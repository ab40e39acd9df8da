import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { createInvitation } from '~server/utils/team/invitations'
import { CreateInvitationSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { db, storeId, actor } = await requirePermission(event, 'team:manage')
  const input = await readJsonBody(event, CreateInvitationSchema)
  const invitation = await createInvitation(db, storeId, input, actor, event.url.origin)
  event.res.status = 201
  return invitation
})
