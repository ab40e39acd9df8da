import { defineHandler } from 'nitro'
import { endSessions } from '~server/utils/auth/sessions/end-sessions'
import { requireSession } from '~server/utils/auth/sessions/require-session'
import { clearSessionCookie } from '~server/utils/auth/sessions/session-cookie'

export default defineHandler(async (event) => {
  const session = await requireSession(event)
  await endSessions(session.userId, new Set([session.id]))
  clearSessionCookie(event)
  event.res.status = 204
  return null
})
