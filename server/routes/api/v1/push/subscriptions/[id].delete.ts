import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { requireSession } from '~server/utils/auth/sessions/require-session'
import { useDb } from '~server/utils/db/connection'
import { readSubscriptionId } from '~server/utils/push/route-params'
import { deleteSubscription } from '~server/utils/push/subscriptions'

export default defineHandler(async (event) => {
  await requirePermission(event, 'notifications:manage')
  const session = await requireSession(event)
  await deleteSubscription(await useDb(), session, readSubscriptionId(event))
  event.res.status = 204
  return null
})
