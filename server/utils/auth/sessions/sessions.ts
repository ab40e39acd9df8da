import { useConfig } from '../../config'
import { isPostgresUrl } from '../../db/connection'
import { useKv } from '../../storage/kv'
import { hashSecret, randomToken } from '../passwords/secrets'
import { forgetTouch, isTouchDue, isTouchedRecently, markTouched } from './touch-throttle'

export interface Session {
  /** sha256 of the token: the only form in which a token is ever stored or logged. */
  id: string
  userId: string
  storeId: string
  createdAt: string
  expiresAt: string
  /** The browser or client that signed in (its User-Agent, shortened); absent on older sessions. */
  userAgent?: string
}

const key = (id: string) => `sessions:${id}`
const touchKey = (id: string) => `session:${id}`
// One small key per session of a user, so that listing and signing out everywhere never read-modify-write
// a shared list (concurrent sign-ins would lose entries). Its value is when the session was last used.
export const userSessionsBase = (userId: string) => `user-sessions:${userId}`
const userSessionKey = (userId: string, id: string) => `${userSessionsBase(userId)}:${id}`

const MAX_USER_AGENT = 256

// Every request and every stream looks its session up; on the embedded setup that is a file read
// (open, fstat, read, close), the largest cost of a small request. There the session files belong to
// this one process, and every revocation passes through revokeSession below, so found sessions can be
// kept in memory without ever accepting a revoked token. Shared stores (Redis, PostgreSQL) are read
// every time, so that a sign-out on one instance holds on all of them at once.
const SESSION_CACHE_MS = 60_000
const SESSION_CACHE_MAX = 10_000
const cache = new Map<string, { session: Session, until: number }>()

function isLocalStore(): boolean {
  const { redisUrl, databaseUrl } = useConfig()
  return !redisUrl && !isPostgresUrl(databaseUrl)
}

// Session tokens are stored like every other secret: only their hash.
export { hashSecret as hashToken } from '../passwords/secrets'

function cleanUserAgent(userAgent: string | null | undefined): string | undefined {
  // eslint-disable-next-line no-control-regex
  const clean = userAgent?.replace(/[\u0000-\u001F\u007F]/g, '').slice(0, MAX_USER_AGENT).trim()
  return clean || undefined
}

/** Creates a session and returns its bearer token (256 random bits), which is never stored as is. */
export async function createSession(userId: string, storeId: string, userAgent?: string | null): Promise<{ token: string, session: Session }> {
  const token = randomToken()
  const now = Date.now()
  const { sessionTtlMs } = useConfig()
  const session: Session = {
    id: hashSecret(token),
    userId,
    storeId,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + sessionTtlMs).toISOString(),
    userAgent: cleanUserAgent(userAgent),
  }
  const kv = await useKv()
  const ttl = Math.ceil(sessionTtlMs / 1000)
  await kv.setItem(key(session.id), session, { ttl })
  await kv.setItem(userSessionKey(userId, session.id), { lastUsedAt: session.createdAt }, { ttl })
  markTouched(touchKey(session.id), now)
  return { token, session }
}

/** The session kept in memory under `id` (see the cache above), while neither the copy nor the session expired. */
export function getCachedSession(id: string): Session | undefined {
  const cached = cache.get(id)
  if (!cached)
    return undefined
  const now = Date.now()
  return cached.until > now && Date.parse(cached.session.expiresAt) > now ? cached.session : undefined
}

export async function getSessionById(id: string): Promise<Session | null> {
  const cached = cache.get(id)
  let session = cached && cached.until > Date.now() ? cached.session : null
  if (!session) {
    session = await (await useKv()).getItem<Session>(key(id))
    if (!session) {
      cache.delete(id)
      return null
    }
    if (isLocalStore()) {
      if (cache.size >= SESSION_CACHE_MAX)
        cache.clear()
      cache.set(id, { session, until: Date.now() + SESSION_CACHE_MS })
    }
  }
  if (Date.parse(session.expiresAt) <= Date.now()) {
    cache.delete(id)
    await (await useKv()).removeItem(key(id))
    return null
  }
  return session
}

/** Ends a session: its token stops working at once (its streams are the caller's to close). */
export async function revokeSession(id: string, userId?: string): Promise<void> {
  cache.delete(id)
  forgetTouch(touchKey(id))
  const kv = await useKv()
  await kv.removeItem(key(id))
  if (userId)
    await kv.removeItem(userSessionKey(userId, id))
}

/**
 * Moves a session to another store (the caller checked the membership): the same token now works
 * there. The cached copy follows, so the move holds at once on this instance too.
 */
export async function moveSession(session: Session, storeId: string): Promise<Session> {
  const moved: Session = { ...session, storeId }
  const ttl = Math.max(1, Math.ceil((Date.parse(session.expiresAt) - Date.now()) / 1000))
  await (await useKv()).setItem(key(session.id), moved, { ttl })
  if (cache.has(session.id))
    cache.set(session.id, { session: moved, until: Date.now() + SESSION_CACHE_MS })
  return moved
}

/** The cached session under `id` (getCachedSession) when its use was recorded within the minute: nothing to write or wait for. */
export function getRecentSession(id: string): Session | undefined {
  const session = getCachedSession(id)
  return session && isTouchedRecently(touchKey(session.id)) ? session : undefined
}

/**
 * Records that a session was used now (at most once a minute); also gives sessions from before listing
 * their entry. Nothing to wait for (undefined) when it was recorded within the minute.
 */
export function touchSession(session: Session): Promise<void> | undefined {
  if (!isTouchDue(touchKey(session.id)))
    return undefined
  return recordUse(session)
}

async function recordUse(session: Session): Promise<void> {
  const now = Date.now()
  const ttl = Math.max(1, Math.ceil((Date.parse(session.expiresAt) - now) / 1000))
  await (await useKv()).setItem(userSessionKey(session.userId, session.id), { lastUsedAt: new Date(now).toISOString() }, { ttl })
}

export interface UserSession { session: Session, lastUsedAt: string }

/** Every live session of a user, most recently used first; entries of ended sessions are cleaned up. */
export async function listUserSessions(userId: string): Promise<UserSession[]> {
  const kv = await useKv()
  const base = userSessionsBase(userId)
  const keys = await kv.getKeys(base)
  const found: UserSession[] = []
  for (const entryKey of keys) {
    const id = entryKey.slice(base.length + 1)
    const [session, entry] = await Promise.all([getSessionById(id), kv.getItem<{ lastUsedAt: string }>(entryKey)])
    if (!session || session.userId !== userId) {
      await kv.removeItem(entryKey)
      continue
    }
    found.push({ session, lastUsedAt: entry?.lastUsedAt ?? session.createdAt })
  }
  return found.sort((a, b) => b.lastUsedAt.localeCompare(a.lastUsedAt))
}
