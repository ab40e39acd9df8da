import type { H3Event } from 'h3'
import { createHash } from 'node:crypto'
import { useConfig } from '../../config'
import { clientAddressBucket } from '../../http/client-address'
import { clearAttempts, countAttempt, readAttempt } from './attempt-counter'
import { reserveAttempts, tooManyAttempts } from './reserve-attempts'

// Keys are hashed so that emails and addresses never appear in storage rows or Redis keys.
export function attemptKey(kind: string, value: string): string {
  return `${kind}:${createHash('sha256').update(value).digest('hex').slice(0, 32)}`
}

const addressKey = (event: H3Event) => attemptKey('login:ip', clientAddressBucket(event))

/**
 * Reserves one sign-in attempt for the address, then for the email, before the password is checked,
 * and throws 429 past `PULSE_LOGIN_MAX_FAILURES` in the window: however many guesses arrive at once,
 * at most that many are ever checked. Returns the release to call when the sign-in succeeds, so that
 * only failures use up the limit. A refused address does not count against the email's limit, and a
 * refused attempt counts against nothing.
 */
export async function reserveLoginAttempt(event: H3Event, email: string): Promise<() => Promise<void>> {
  return reserveAttempts([addressKey(event), attemptKey('login:email', email)], 'failed sign-ins')
}

/** Counts a failure of the address outside of a sign-in (a registration that met a taken email). */
export async function countAddressFailure(event: H3Event): Promise<void> {
  await countAttempt(addressKey(event), useConfig().loginWindowMs)
}

/** Throws 429 when the address has used up its sign-in failures, without counting an attempt. */
export async function assertAddressNotBlocked(event: H3Event): Promise<void> {
  const attempt = await readAttempt(addressKey(event))
  if (attempt.count >= useConfig().loginMaxFailures)
    throw tooManyAttempts(attempt, 'failed sign-ins from this address')
}

/**
 * Lifts the lock-out of an email (its failed sign-ins in the window), for its owner signed in elsewhere:
 * anyone who knows an email can lock it for a window, so the person it belongs to can undo that. The
 * addresses that failed stay counted.
 */
export async function liftEmailLockout(email: string): Promise<void> {
  await clearAttempts(attemptKey('login:email', email))
}
