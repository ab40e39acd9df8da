import type { H3Event } from 'h3'
import { clientAddress } from '../http/client-address'
import { attemptKey } from './login-rate-limit'
import { reserveAttempts } from './reserve-attempts'

/**
 * Reserves one guess of a pairing code or an invitation token for the client's address, counted
 * atomically like a sign-in (`PULSE_LOGIN_MAX_FAILURES` in `PULSE_LOGIN_WINDOW_MS`), and throws 429
 * past the limit, before the guess is checked. Returns the release to call when the guess was right,
 * so that only wrong guesses use up the limit.
 */
export async function reserveGuess(event: H3Event, kind: 'pair' | 'invitation'): Promise<() => Promise<void>> {
  return reserveAttempts([attemptKey(`${kind}:ip`, clientAddress(event))], 'wrong codes')
}
