import type { H3Event } from 'h3'
import type { Session } from './sessions'
import { getCookie } from 'h3'
import { createApiError } from '../../http/errors'
import { getCachedSession, getSessionById, hashToken, touchSession } from './sessions'

export const SESSION_COOKIE = 'pulse_session'

/** The raw token of a request: `Authorization: Bearer` first, then the session cookie. Never the URL. */
export function readToken(event: H3Event): string | undefined {
  const header = event.req.headers.get('authorization')
  if (header)
    return bearerToken(header)
  return getCookie(event, SESSION_COOKIE) || undefined
}

/** readToken over a request's raw `Authorization` and `Cookie` headers (for routes served outside h3). */
export function readTokenOf(authorization: string | undefined, cookies: string | undefined): string | undefined {
  if (authorization)
    return bearerToken(authorization)
  return cookies ? readCookie(cookies, SESSION_COOKIE) || undefined : undefined
}

const BEARER = 'bearer'
const WHITESPACE = /\s/

/** The token of `Bearer <token>` (any case, any whitespace between), read without a match object. */
function bearerToken(header: string): string | undefined {
  for (let i = 0; i < BEARER.length; i++) {
    if ((header.charCodeAt(i) | 0x20) !== BEARER.charCodeAt(i))
      return undefined
  }
  let start = BEARER.length
  while (start < header.length && WHITESPACE.test(header[start]))
    start++
  if (start === BEARER.length || start === header.length)
    return undefined
  const token = header.slice(start)
  return WHITESPACE.test(token) ? undefined : token
}

/** One cookie of a `Cookie` header, decoded as h3's getCookie decodes it. */
function readCookie(header: string, name: string): string | undefined {
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=')
    if (at < 0 || pair.slice(0, at).trim() !== name)
      continue
    let value = pair.slice(at + 1).trim()
    if (value.length > 1 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1)
    try {
      return value.includes('%') ? decodeURIComponent(value) : value
    }
    catch {
      return value
    }
  }
  return undefined
}

/** The session a raw token names, marked as used; 401 without one. */
export async function sessionOfToken(token: string | undefined): Promise<Session> {
  const id = token ? hashToken(token) : undefined
  const session = id ? getCachedSession(id) ?? await getSessionById(id) : null
  if (!session)
    throw createApiError('unauthorized')
  const touched = touchSession(session)
  if (touched)
    await touched
  return session
}

/** Returns the request's session, or throws 401. */
export async function requireSession(event: H3Event): Promise<Session> {
  const session = await sessionOfToken(readToken(event))
  event.context.session = session
  return session
}
