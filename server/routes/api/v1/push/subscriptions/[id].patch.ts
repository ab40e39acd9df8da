import { defineHandler } from 'nitro'
import { assertAllowed, requirePermission } from '~server/utils/auth/require-permission'
import { requireSession } from '~server/utils/auth/require-session'
import { useDb } from '~server/utils/db/connection'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readSubscriptionId } from '~server/utils/push/route-params'
import { updateAlerts } from '~server/utils/push/subscriptions'
import { UpdatePushSubscriptionSchema } from '~shared/schemas/push'

export default defineHandler(async (event) => {
  const access = await requirePermission(event, 'notifications:manage')
  const session = await requireSession(event)
  const id = readSubscriptionId(event)
  const { alerts } = await readJsonBody(event, UpdatePushSubscriptionSchema)
  // The daily summary carries the day's figures: only for a role that may see them.
  if (alerts.dailySummaryAt)
    assertAllowed(access, 'analytics:read_today')
  return updateAlerts(await useDb(), session, id, alerts)
})
