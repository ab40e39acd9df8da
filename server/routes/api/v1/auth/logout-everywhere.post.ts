import { defineHandler } from 'nitro'
import { endSessions } from '~server/utils/auth/sessions/end-sessions'
import { requireSession } from '~server/utils/auth/sessions/require-session'
import { clearSessionCookie } from '~server/utils/auth/sessions/session-cookie'
import { listUserSessions } from '~server/utils/auth/sessions/sessions'

// Every session of the user ends, this one included.
export default defineHandler(async (event) => {
  const current = await requireSession(event)
  const sessions = await listUserSessions(current.userId)
  await endSessions(current.userId, new Set([current.id, ...sessions.map(({ session }) => session.id)]))
  clearSessionCookie(event)
  event.res.status = 204
  return null
})
