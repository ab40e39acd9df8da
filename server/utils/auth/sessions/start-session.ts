import type { Session } from './sessions'
import { CAPS } from '../../limits/caps'
import { useKv } from '../../storage/kv'
import { endSessions } from './end-sessions'
import { createSession, listUserSessions, userSessionsBase } from './sessions'

/**
 * Signs a person in: a new session, and past `CAPS.sessionsPerUser` their oldest sessions end (with
 * their streams and push devices), so that sign-ins in a loop cannot pile up sessions.
 */
export async function startSession(userId: string, storeId: string, userAgent: string | null): Promise<{ token: string, session: Session }> {
  const started = await createSession(userId, storeId, userAgent)
  // Counting the index entries is cheap; only when they pass the cap are the sessions read.
  if ((await (await useKv()).getKeys(userSessionsBase(userId))).length <= CAPS.sessionsPerUser)
    return started
  const live = (await listUserSessions(userId)).map(entry => entry.session).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
  const oldest = live.filter(session => session.id !== started.session.id).slice(0, Math.max(0, live.length - CAPS.sessionsPerUser))
  if (oldest.length > 0)
    await endSessions(userId, new Set(oldest.map(session => session.id)))
  return started
}
