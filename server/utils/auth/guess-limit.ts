import type { H3Event } from 'h3'
import { useConfig } from '../config'
import { clientAddress } from '../http/client-address'
import { countAttempt, refundAttempt } from './attempt-counter'
import { attemptKey, tooManyAttempts } from './login-rate-limit'

/**
 * Reserves one guess of a pairing code or an invitation token for the client's address, counted
 * atomically like a sign-in (`PULSE_LOGIN_MAX_FAILURES` in `PULSE_LOGIN_WINDOW_MS`), and throws 429
 * past the limit, before the guess is checked. Returns the release to call when the guess was right,
 * so that only wrong guesses use up the limit.
 */
export async function reserveGuess(event: H3Event, kind: 'pair' | 'invitation'): Promise<() => Promise<void>> {
  const { loginMaxFailures, loginWindowMs } = useConfig()
  const key = attemptKey(`${kind}:ip`, clientAddress(event))
  const attempt = await countAttempt(key, loginWindowMs)
  if (attempt.count > loginMaxFailures) {
    // A refused guess checked nothing: it is given back, as a refused sign-in is.
    await refundAttempt(key)
    throw tooManyAttempts(attempt, 'wrong codes')
  }
  return () => refundAttempt(key)
}
