import { defineHandler } from 'nitro'
import { requireSession } from '~server/utils/auth/require-session'
import { useDb } from '~server/utils/db/connection'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { subscribe } from '~server/utils/push/subscriptions'
import { watchStore } from '~server/utils/push/worker'
import { CreatePushSubscriptionSchema } from '~shared/schemas/push'

export default defineHandler(async (event) => {
  const session = await requireSession(event)
  const input = await readJsonBody(event, CreatePushSubscriptionSchema)
  const { info, created } = await subscribe(await useDb(), session, input, event.req.headers.get('user-agent'))
  watchStore(session.storeId)
  event.res.status = created ? 201 : 200
  return info
})
