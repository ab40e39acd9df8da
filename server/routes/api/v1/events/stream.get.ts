import { defineHandler } from 'nitro'
import { requireSession } from '~server/utils/auth/require-session'
import { openStream } from '~server/utils/events/open-stream'

export default defineHandler(async (event) => {
  const session = await requireSession(event)
  const client = await openStream(event, session)
  const headers = event.res.headers
  headers.set('content-type', 'text/event-stream; charset=utf-8')
  headers.set('cache-control', 'no-cache, no-transform')
  headers.set('x-accel-buffering', 'no')
  headers.set('connection', 'keep-alive')
  return client.body
})
