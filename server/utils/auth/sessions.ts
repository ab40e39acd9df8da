import { createHash, randomBytes } from 'node:crypto'
import { useConfig } from '../config'
import { isPostgresUrl } from '../db/connection'
import { useKv } from '../storage/kv'

export interface Session {
  /** sha256 of the token: the only form in which a token is ever stored or logged. */
  id: string
  userId: string
  storeId: string
  createdAt: string
  expiresAt: string
}

const key = (id: string) => `sessions:${id}`

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

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Creates a session and returns its bearer token (256 random bits), which is never stored as is. */
export async function createSession(userId: string, storeId: string): Promise<{ token: string, session: Session }> {
  const token = randomBytes(32).toString('base64url')
  const now = Date.now()
  const { sessionTtlMs } = useConfig()
  const session: Session = {
    id: hashToken(token),
    userId,
    storeId,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + sessionTtlMs).toISOString(),
  }
  await (await useKv()).setItem(key(session.id), session, { ttl: Math.ceil(sessionTtlMs / 1000) })
  return { token, session }
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

export async function revokeSession(id: string): Promise<void> {
  cache.delete(id)
  await (await useKv()).removeItem(key(id))
}
