import { createApiError } from '../http/errors'

/**
 * How many of each thing one store or one person may hold: far above what a shop uses, low enough that
 * nobody can fill the database, the push worker or the stream slots (docs/security.md says why each).
 */
export const CAPS = {
  /** Devices with notifications, per person (or paired device), over all their stores. */
  pushDevicesPerUser: 10,
  /** Test notifications per device per minute. */
  testPushesPerMinute: 3,
  /** Invitations not yet accepted, revoked or expired, per store. */
  openInvitationsPerStore: 50,
  /** Pairing codes not yet used or expired, per store. */
  openPairingCodesPerStore: 20,
  /** API keys not revoked, per store. */
  apiKeysPerStore: 100,
  /** Sessions per person; a sign-in past it ends their oldest session. */
  sessionsPerUser: 50,
  /** Open event streams per session on one instance (one browser needs one). */
  streamsPerSession: 5,
  /** Open event streams per person, device or API key in one store on one instance. */
  streamsPerPrincipal: 10,
} as const

/** 409 `limit_reached`: the message names the limit and what to do. */
export function limitReached(message: string): Error {
  return createApiError(409, 'limit_reached', message)
}

/** Throws 409 `limit_reached` when `count` already holds the cap. */
export function assertBelowCap(count: number | bigint | string, cap: number, message: string): void {
  if (Number(count) >= cap)
    throw limitReached(message)
}
