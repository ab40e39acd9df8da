import type { H3Event } from 'h3'
import { useConfig } from '../../config'
import { clientAddressBucket } from '../../http/client-address'
import { attemptKey } from './login-rate-limit'
import { reserveAttempts } from './reserve-attempts'

/**
 * Reserves one guess of a pairing code or an invitation token for the client's address, counted
 * atomically like a sign-in (`PULSE_LOGIN_MAX_FAILURES` in `PULSE_LOGIN_WINDOW_MS`), and throws 429
 * past the limit, before the guess is checked. Returns the release to call when the guess was right,
 * so that only wrong guesses use up the limit. Pairing codes also count against one bound for all
 * clients, `PULSE_PAIR_MAX_FAILURES` in the window. Addresses count IPv6 clients by their /64.
 */
export async function reserveGuess(event: H3Event, kind: 'pair' | 'invitation'): Promise<() => Promise<void>> {
  const perAddress = attemptKey(`${kind}:ip`, clientAddressBucket(event))
  if (kind === 'invitation')
    return reserveAttempts([perAddress], 'wrong codes')
  // Pairing codes are short (40 bits): a bound for all addresses together keeps guessing from many
  // addresses at years per hit (docs/security.md). Invitation tokens (256 bits) need none.
  const max = useConfig().pairMaxFailures
  return reserveAttempts([perAddress, { key: 'pair:global', max, what: `wrong pairing codes from everyone (at most ${max} in the window): pairing is paused` }], 'wrong codes')
}
