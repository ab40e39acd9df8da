import { defineHandler } from 'nitro'
import { requireSession } from '~server/utils/auth/sessions/require-session'
import { summarizeSessions } from '~server/utils/auth/sessions/session-list'

export default defineHandler(async (event) => {
  const session = await requireSession(event)
  return { sessions: await summarizeSessions(session) }
})
