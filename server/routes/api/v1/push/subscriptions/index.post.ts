import { defineHandler } from 'nitro'
import { assertAllowed, requirePermission } from '~server/utils/auth/access/require-permission'
import { requireSession } from '~server/utils/auth/sessions/require-session'
import { useDb } from '~server/utils/db/connection'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { subscribe } from '~server/utils/push/subscriptions'
import { watchStore } from '~server/utils/push/worker'
import { CreatePushSubscriptionSchema } from '~shared/schemas/push'

export default defineHandler(async (event) => {
  const access = await requirePermission(event, 'notifications:manage')
  const session = await requireSession(event)
  const input = await readJsonBody(event, CreatePushSubscriptionSchema)
  // The daily summary carries the day's figures: only for a role that may see them.
  if (input.alerts.dailySummaryAt)
    assertAllowed(access, 'analytics:read_today')
  const { info, created } = await subscribe(await useDb(), session, input, event.req.headers.get('user-agent'))
  watchStore(session.storeId)
  event.res.status = created ? 201 : 200
  return info
})
