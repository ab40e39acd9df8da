import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { listInvitations } from '~server/utils/team/invitations'

export default defineHandler(async (event) => {
  const { db, storeId } = await requirePermission(event, 'team:manage')
  return { invitations: await listInvitations(db, storeId) }
})
