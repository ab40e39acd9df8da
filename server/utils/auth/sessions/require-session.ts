import type { H3Event } from 'h3'
import type { Session } from './sessions'
import { getCookie } from 'h3'
import { createApiError } from '../../http/errors'
import { getSessionById, hashToken, touchSession } from './sessions'

export const SESSION_COOKIE = 'pulse_session'

/** The raw token of a request: `Authorization: Bearer` first, then the session cookie. Never the URL. */
export function readToken(event: H3Event): string | undefined {
  const header = event.req.headers.get('authorization')
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    return match?.[1]
  }
  return getCookie(event, SESSION_COOKIE) || undefined
}

/** Returns the request's session, or throws 401. */
export async function requireSession(event: H3Event): Promise<Session> {
  const token = readToken(event)
  const session = token ? await getSessionById(hashToken(token)) : null
  if (!session)
    throw createApiError('unauthorized')
  event.context.session = session
  await touchSession(session)
  return session
}
