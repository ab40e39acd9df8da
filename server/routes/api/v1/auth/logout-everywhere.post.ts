import { defineHandler } from 'nitro'
import { requireSession } from '~server/utils/auth/require-session'
import { clearSessionCookie } from '~server/utils/auth/session-cookie'
import { listUserSessions, revokeSession } from '~server/utils/auth/sessions'
import { closeStreamsOfSessions } from '~server/utils/events/hub'

// Every session of the user ends, this one included, with its streams.
export default defineHandler(async (event) => {
  const current = await requireSession(event)
  const ended = new Set([current.id, ...(await listUserSessions(current.userId)).map(({ session }) => session.id)])
  await Promise.all([...ended].map(id => revokeSession(id, current.userId)))
  closeStreamsOfSessions(ended)
  clearSessionCookie(event)
  event.res.status = 204
  return null
})
