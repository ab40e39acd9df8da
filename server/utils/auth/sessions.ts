import { createHash, randomBytes } from 'node:crypto'
import { useConfig } from '../config'
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
  const session = await (await useKv()).getItem<Session>(key(id))
  if (!session)
    return null
  if (Date.parse(session.expiresAt) <= Date.now()) {
    await (await useKv()).removeItem(key(id))
    return null
  }
  return session
}

export async function revokeSession(id: string): Promise<void> {
  await (await useKv()).removeItem(key(id))
}
