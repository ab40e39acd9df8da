import type { H3Event } from 'h3'
import { createHash } from 'node:crypto'
import { getRequestIP } from 'h3'
import { useConfig } from '../config'
import { createApiError } from '../http/errors'
import { useKv } from '../storage/kv'

interface Counter { failures: number, resetAt: number }

// Keys are hashed so that emails and addresses never appear in storage file names or Redis keys.
function counterKey(kind: 'email' | 'ip', value: string) {
  return `ratelimit:login:${kind}:${createHash('sha256').update(value).digest('hex').slice(0, 32)}`
}

function keysFor(event: H3Event, email: string): string[] {
  const ip = getRequestIP(event, { xForwardedFor: process.env.PULSE_TRUST_PROXY === '1' }) ?? 'unknown'
  return [counterKey('email', email), counterKey('ip', ip)]
}

/** Throws 429 with Retry-After when the email or the address has failed too often in the window. */
export async function assertLoginAllowed(event: H3Event, email: string): Promise<void> {
  const { loginMaxFailures } = useConfig()
  const now = Date.now()
  for (const key of keysFor(event, email)) {
    const counter = await (await useKv()).getItem<Counter>(key)
    if (counter && counter.resetAt > now && counter.failures >= loginMaxFailures) {
      const retryAfter = Math.ceil((counter.resetAt - now) / 1000)
      throw createApiError(429, 'too_many_attempts', `Too many failed sign-ins. Try again in ${retryAfter} s.`, { 'retry-after': String(retryAfter) })
    }
  }
}

export async function recordLoginFailure(event: H3Event, email: string): Promise<void> {
  const { loginWindowMs } = useConfig()
  const now = Date.now()
  for (const key of keysFor(event, email)) {
    const counter = await (await useKv()).getItem<Counter>(key)
    const next = counter && counter.resetAt > now
      ? { failures: counter.failures + 1, resetAt: counter.resetAt }
      : { failures: 1, resetAt: now + loginWindowMs }
    await (await useKv()).setItem(key, next, { ttl: Math.ceil(loginWindowMs / 1000) })
  }
}

export async function clearLoginFailures(event: H3Event, email: string): Promise<void> {
  await (await useKv()).removeItem(keysFor(event, email)[0])
}
