import type { Attempt } from './attempt-counter'
import { useConfig } from '../../config'
import { createApiError } from '../../http/errors'
import { countAttempt, refundAttempt } from './attempt-counter'

export function tooManyAttempts(attempt: Attempt, what: string): Error {
  const retryAfter = Math.max(1, Math.ceil((attempt.resetAt - Date.now()) / 1000))
  return createApiError('too_many_attempts', `Too many ${what}. Try again in ${retryAfter} s.`, { 'retry-after': String(retryAfter) })
}

/** A counter with a limit of its own (else `PULSE_LOGIN_MAX_FAILURES`) and its own words for the 429. */
export interface AttemptLimit { key: string, max: number, what: string }

/**
 * Reserves one attempt under each key in turn, counted atomically before the attempt is checked, and
 * throws 429 (`Too many <what>`) past `PULSE_LOGIN_MAX_FAILURES` (or the key's own `max`) in
 * `PULSE_LOGIN_WINDOW_MS`: however many attempts arrive at once, at most that many are ever checked.
 * Returns the release to call when the attempt succeeded, so that only failures use up the limit. A key
 * that refuses does not count against the keys after it.
 */
export async function reserveAttempts(keys: Array<string | AttemptLimit>, what: string): Promise<() => Promise<void>> {
  const { loginMaxFailures, loginWindowMs } = useConfig()
  const limits = keys.map(key => typeof key === 'string' ? { key, max: loginMaxFailures, what } : key)
  const release = (counted: AttemptLimit[]) => Promise.all(counted.map(limit => refundAttempt(limit.key))).then(() => {})
  for (const [index, limit] of limits.entries()) {
    const attempt = await countAttempt(limit.key, loginWindowMs)
    // A refused attempt is given back: it checked nothing, and in-flight attempts must not outlive their request.
    if (attempt.count > limit.max) {
      await release(limits.slice(0, index + 1))
      throw tooManyAttempts(attempt, limit.what)
    }
  }
  return () => release(limits)
}
