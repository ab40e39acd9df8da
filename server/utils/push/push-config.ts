import { readFileSync } from 'node:fs'
import { readInt } from '../config'

export interface PushConfig {
  /** `PULSE_PUSH_ALLOW_INSECURE_ENDPOINTS=1`: tests only — also accept `http://` endpoints on loopback. */
  allowInsecureEndpoints: boolean
  /** `PULSE_PUSH_WORKER=0`: this instance takes subscriptions but sends nothing (another instance does). */
  worker: boolean
  /** Safety-net poll of the log and the outbox, besides the wake-up on every commit. */
  pollMs: number
  /** How long an instance holds a claimed push; past it another instance may send it again. */
  leaseMs: number
  /** How long a send may take, connection to last byte of the answer; then it counts as no answer. */
  sendTimeoutMs: number
  /** Sends in flight at once to one push service host (host:port). */
  hostConcurrency: number
  /** Pushes claimed and not yet finished on this instance; past it the worker claims no more until some finish. */
  maxInFlight: number
  retryBaseMs: number
  maxAttempts: number
  vapidSubject: string
}

let cached: PushConfig | undefined

export function usePushConfig(): PushConfig {
  cached ??= {
    allowInsecureEndpoints: process.env.PULSE_PUSH_ALLOW_INSECURE_ENDPOINTS === '1',
    worker: process.env.PULSE_PUSH_WORKER !== '0',
    pollMs: readInt('PULSE_PUSH_POLL_MS', 15_000),
    leaseMs: readInt('PULSE_PUSH_LEASE_MS', 60_000),
    sendTimeoutMs: readInt('PULSE_PUSH_SEND_TIMEOUT_MS', 5000),
    hostConcurrency: Math.max(1, readInt('PULSE_PUSH_HOST_CONCURRENCY', 8)),
    maxInFlight: Math.max(1, readInt('PULSE_PUSH_MAX_IN_FLIGHT', 200)),
    retryBaseMs: readInt('PULSE_PUSH_RETRY_BASE_MS', 1000),
    maxAttempts: readInt('PULSE_PUSH_MAX_ATTEMPTS', 10),
    vapidSubject: process.env.PULSE_VAPID_SUBJECT || 'mailto:push@pulse.invalid',
  }
  return cached
}

/**
 * The push worker's clock. Tests move it forward without waiting: `PULSE_TEST_CLOCK_FILE` names a
 * file holding an offset in milliseconds, read again at every call (tests only; unset in production).
 */
export function pushNow(): number {
  return Date.now() + clockOffsetMs()
}

/** How far the push clock is ahead of the real one: 0 outside tests. */
export function clockOffsetMs(): number {
  const file = process.env.PULSE_TEST_CLOCK_FILE
  if (!file)
    return 0
  try {
    return Number(readFileSync(file, 'utf8').trim()) || 0
  }
  catch {
    return 0
  }
}

export const iso = (ms: number) => new Date(ms).toISOString()
