import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { requireSession } from '~server/utils/auth/sessions/require-session'
import { useDb } from '~server/utils/db/connection'
import { listSubscriptions } from '~server/utils/push/subscriptions'

export default defineHandler(async (event) => {
  await requirePermission(event, 'notifications:manage')
  const session = await requireSession(event)
  return { subscriptions: await listSubscriptions(await useDb(), session) }
})
