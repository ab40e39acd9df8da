import type { Session } from './sessions'
import { createHash } from 'node:crypto'
import { deviceName } from './device-name'
import { listUserSessions } from './sessions'

export interface SessionSummary {
  id: string
  device: string
  userAgent: string | null
  createdAt: string
  lastUsedAt: string
  current: boolean
}

/**
 * The public id of a session: derived from its storage id (the token's hash) so that the API never
 * hands out the key that finds a session, even though that key is no token.
 */
export function sessionRef(id: string): string {
  return createHash('sha256').update(`pulse-session-ref:${id}`).digest('hex').slice(0, 32)
}

/** The signed-in user's sessions as the API shows them, the request's own marked `current`. */
export async function summarizeSessions(current: Session): Promise<SessionSummary[]> {
  const sessions = await listUserSessions(current.userId)
  return sessions.map(({ session, lastUsedAt }) => ({
    id: sessionRef(session.id),
    device: deviceName(session.userAgent),
    userAgent: session.userAgent ?? null,
    createdAt: session.createdAt,
    lastUsedAt,
    current: session.id === current.id,
  }))
}

/** The user's session behind a public id, or undefined. */
export async function findUserSession(userId: string, ref: string): Promise<Session | undefined> {
  const sessions = await listUserSessions(userId)
  return sessions.find(({ session }) => sessionRef(session.id) === ref)?.session
}
