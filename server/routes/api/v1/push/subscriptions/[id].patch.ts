import { defineHandler } from 'nitro'
import { requireSession } from '~server/utils/auth/require-session'
import { useDb } from '~server/utils/db/connection'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readSubscriptionId } from '~server/utils/push/route-params'
import { updateAlerts } from '~server/utils/push/subscriptions'
import { UpdatePushSubscriptionSchema } from '~shared/schemas/push'

export default defineHandler(async (event) => {
  const session = await requireSession(event)
  const id = readSubscriptionId(event)
  const { alerts } = await readJsonBody(event, UpdatePushSubscriptionSchema)
  return updateAlerts(await useDb(), session, id, alerts)
})
