import { getRouterParam } from 'h3'
import { defineHandler } from 'nitro'
import { endSessions } from '~server/utils/auth/sessions/end-sessions'
import { requireSession } from '~server/utils/auth/sessions/require-session'
import { clearSessionCookie } from '~server/utils/auth/sessions/session-cookie'
import { findUserSession } from '~server/utils/auth/sessions/session-list'
import { createApiError } from '~server/utils/http/errors'

export default defineHandler(async (event) => {
  const current = await requireSession(event)
  const target = await findUserSession(current.userId, getRouterParam(event, 'id') ?? '')
  if (!target)
    throw createApiError('session_not_found')
  await endSessions(current.userId, new Set([target.id]))
  if (target.id === current.id)
    clearSessionCookie(event)
  event.res.status = 204
  return null
})
