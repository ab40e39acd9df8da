import { defineHandler } from 'nitro'
import { requireSession } from '~server/utils/auth/require-session'
import { summarizeSessions } from '~server/utils/auth/session-list'

export default defineHandler(async (event) => {
  const session = await requireSession(event)
  return { sessions: await summarizeSessions(session) }
})
