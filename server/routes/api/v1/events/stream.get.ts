import { getQuery } from 'h3'
import { defineHandler } from 'nitro'
import { useKeyStreamSession } from '~server/utils/api-keys/stream-session'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { openMultiStream } from '~server/utils/events/multi-stream'
import { openStream } from '~server/utils/events/open-stream'
import { resolveStreamStores } from '~server/utils/events/stream-stores'

// Every role that may open the stream may read what it carries: order events, which each of them also
// sees in the orders list. No analytics-only data travels on it (figures are computed by the client).
// `stores=all` (or `stores=id,id`) is one stream over several stores (docs/api.md: the cursor).
export default defineHandler(async (event) => {
  const access = await requirePermission(event, 'events:read')
  const { principal, db, storeId } = access
  const session = principal.type === 'api_key' ? await useKeyStreamSession(db, principal.id, storeId) : principal.session
  const stores = getQuery(event).stores
  const client = typeof stores === 'string' && stores !== ''
    ? await openMultiStream(event, { session, person: principal.type === 'user', all: stores === 'all' }, await resolveStreamStores(access, stores))
    : await openStream(event, session)
  const headers = event.res.headers
  headers.set('content-type', 'text/event-stream; charset=utf-8')
  headers.set('cache-control', 'no-cache, no-transform')
  headers.set('x-accel-buffering', 'no')
  headers.set('connection', 'keep-alive')
  return client.body
})
