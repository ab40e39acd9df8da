import { defineHandler } from 'nitro'
import { useKeyStreamSession } from '~server/utils/api-keys/stream-session'
import { requirePermission } from '~server/utils/auth/require-permission'
import { openStream } from '~server/utils/events/open-stream'

// Every role that may open the stream may read what it carries: order events, which each of them also
// sees in the orders list. No analytics-only data travels on it (figures are computed by the client).
export default defineHandler(async (event) => {
  const { principal, db, storeId } = await requirePermission(event, 'events:read')
  const session = principal.type === 'api_key' ? await useKeyStreamSession(db, principal.id, storeId) : principal.session
  const client = await openStream(event, session)
  const headers = event.res.headers
  headers.set('content-type', 'text/event-stream; charset=utf-8')
  headers.set('cache-control', 'no-cache, no-transform')
  headers.set('x-accel-buffering', 'no')
  headers.set('connection', 'keep-alive')
  return client.body
})
