import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { listMembers } from '~server/utils/team/memberships'

export default defineHandler(async (event) => {
  const { db, storeId } = await requirePermission(event, 'team:read')
  return { members: await listMembers(db, storeId) }
})
