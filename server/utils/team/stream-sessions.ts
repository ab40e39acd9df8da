import type { Session } from '../auth/sessions'
import { useKv } from '../storage/kv'

// One small key per session that opened a stream, by store and member: a member removed on one instance
// has their sessions revoked here, and every instance's heartbeat then closes their streams. (Requests
// need no index: every request reads the membership.)
const base = (storeId: string, userId: string) => `team-streams:${storeId}:${userId}`

/** Notes that a member's session streams (once per session: the key is overwritten, not added to). */
export async function recordStreamSession(session: Session): Promise<void> {
  const ttl = Math.max(1, Math.ceil((Date.parse(session.expiresAt) - Date.now()) / 1000))
  await (await useKv()).setItem(`${base(session.storeId, session.userId)}:${session.id}`, 1, { ttl })
}

/** The sessions of a member of a store that have opened streams (on any instance), forgetting them. */
export async function takeStreamSessions(storeId: string, userId: string): Promise<string[]> {
  const kv = await useKv()
  const prefix = base(storeId, userId)
  const keys = await kv.getKeys(prefix)
  await Promise.all(keys.map(key => kv.removeItem(key)))
  return keys.map(key => key.slice(key.lastIndexOf(':') + 1))
}
