import type { H3Event } from 'h3'
import { useConfig } from '../../config'
import { clientAddressBucket } from '../../http/client-address'
import { countAttempt } from './attempt-counter'
import { assertAddressNotBlocked, attemptKey } from './login-rate-limit'
import { tooManyAttempts } from './reserve-attempts'

const HOUR_MS = 3_600_000

/**
 * Counts one registration for the address and throws 429 past `PULSE_REGISTER_MAX_PER_HOUR` (0: no
 * limit). An address that may not sign in may not register either: a registration tells whether an
 * email is taken, so it must not be a faster way to probe emails than signing in.
 */
export async function reserveRegistration(event: H3Event): Promise<void> {
  await assertAddressNotBlocked(event)
  const { registerMaxPerHour } = useConfig()
  if (registerMaxPerHour === 0)
    return
  const attempt = await countAttempt(attemptKey('register:ip', clientAddressBucket(event)), HOUR_MS)
  if (attempt.count > registerMaxPerHour)
    throw tooManyAttempts(attempt, 'registrations from this address')
}
