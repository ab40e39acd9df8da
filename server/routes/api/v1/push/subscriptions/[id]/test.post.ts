import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { requireSession } from '~server/utils/auth/sessions/require-session'
import { useDb } from '~server/utils/db/connection'
import { queueTestPush } from '~server/utils/push/decide'
import { testPayload } from '~server/utils/push/messages'
import { readSubscriptionId } from '~server/utils/push/route-params'
import { ownSubscription } from '~server/utils/push/subscriptions'
import { countTestPush } from '~server/utils/push/test-push-limit'
import { wakePushWorker } from '~server/utils/push/worker'

/** Queues a test notification to one of this user's devices (through the same outbox as every push). */
export default defineHandler(async (event) => {
  await requirePermission(event, 'notifications:manage')
  const session = await requireSession(event)
  const db = await useDb()
  const subscription = await ownSubscription(db, session, readSubscriptionId(event))
  await countTestPush(subscription.id)
  await queueTestPush(db, subscription.id, subscription.store_id, testPayload(subscription.locale))
  wakePushWorker()
  event.res.status = 202
  return { queued: true }
})
