import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { requireSession } from '~server/utils/auth/sessions/require-session'
import { useDb } from '~server/utils/db/connection'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { assertMayReceive } from '~server/utils/push/recipient'
import { readSubscriptionId } from '~server/utils/push/route-params'
import { ownSubscription, updateAlerts } from '~server/utils/push/subscriptions'
import { UpdatePushSubscriptionSchema } from '~shared/schemas/push'

export default defineHandler(async (event) => {
  await requirePermission(event, 'notifications:manage')
  const session = await requireSession(event)
  const id = readSubscriptionId(event)
  const { alerts = {}, locale } = await readJsonBody(event, UpdatePushSubscriptionSchema)
  const db = await useDb()
  const subscription = await ownSubscription(db, session, id)
  // The daily summary carries the day's figures: only for a role that may see them in the device's store,
  // which need not be the store this session is signed in to.
  if (alerts.dailySummaryAt)
    await assertMayReceive(db, subscription, 'daily_summary')
  return updateAlerts(db, session, id, alerts, locale)
})
