import type { H3Event } from 'h3'
import { createHash } from 'node:crypto'
import { getRequestIP } from 'h3'
import { useConfig } from '../config'
import { createApiError } from '../http/errors'
import { useKv } from '../storage/kv'

interface Counter { count: number, resetAt: number }

/*
 * TODO(rebase onto security): the security branch makes sign-in counting atomic
 * (server/utils/auth/attempt-counter.ts: countAttempt/refundAttempt). Pairing codes and invitation
 * tokens must count through it too; until it lands, this is the same read-modify-write the old
 * sign-in limiter used. The call sites (auth/pair, auth/accept-invitation) do not change.
 */
async function count(key: string, delta: number, windowMs: number): Promise<Counter> {
  const kv = await useKv()
  const now = Date.now()
  const counter = await kv.getItem<Counter>(key)
  const next = counter && counter.resetAt > now
    ? { count: Math.max(0, counter.count + delta), resetAt: counter.resetAt }
    : { count: Math.max(0, delta), resetAt: now + windowMs }
  await kv.setItem(key, next, { ttl: Math.ceil(windowMs / 1000) })
  return next
}

/**
 * Reserves one guess of a pairing code or an invitation token for the client's address, like a sign-in
 * (`PULSE_LOGIN_MAX_FAILURES` in `PULSE_LOGIN_WINDOW_MS`), and throws 429 past the limit. Returns the
 * release to call when the guess was right, so that only wrong guesses use up the limit.
 */
export async function reserveGuess(event: H3Event, kind: 'pair' | 'invitation'): Promise<() => Promise<void>> {
  const { loginMaxFailures, loginWindowMs } = useConfig()
  const address = getRequestIP(event, { xForwardedFor: process.env.PULSE_TRUST_PROXY === '1' }) ?? 'unknown'
  const key = `ratelimit:${kind}:ip:${createHash('sha256').update(address).digest('hex').slice(0, 32)}`
  const counter = await count(key, 1, loginWindowMs)
  if (counter.count > loginMaxFailures) {
    await count(key, -1, loginWindowMs)
    const retryAfter = Math.max(1, Math.ceil((counter.resetAt - Date.now()) / 1000))
    throw createApiError(429, 'too_many_attempts', `Too many wrong codes. Try again in ${retryAfter} s.`, { 'retry-after': String(retryAfter) })
  }
  return async () => void await count(key, -1, loginWindowMs)
}
