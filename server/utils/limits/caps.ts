import { createApiError } from '../http/errors'

/**
 * How many of each thing one store or one person may hold: far above what a shop uses, low enough that
 * nobody can fill the database or the push worker (docs/security.md says why each). The stream caps
 * per session and per principal are settings (`PULSE_STREAM_MAX_PER_SESSION`, `…_PER_PRINCIPAL`).
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
  /** Stores a person owns; a franchise of fifty sites fits twice. */
  storesOwnedPerUser: 100,
} as const

/** 409 `limit_reached`: the message names the limit and what to do. */
export function limitReached(message: string): Error {
  return createApiError('limit_reached', message)
}

/** Throws 409 `limit_reached` when `count` already holds the cap. */
export function assertBelowCap(count: number | bigint | string, cap: number, message: string): void {
  if (Number(count) >= cap)
    throw limitReached(message)
}
