import type { LiveStatus } from './channel'

/** What the header badge says. */
export type BadgeState = 'live' | 'connecting' | 'reconnecting' | 'offline' | 'paused'

/** How long a connection may keep failing before the badge stops saying "Connecting…". */
export const CONNECTING_GRACE_MS = 5000

export interface BadgeInput {
  /** The Real-time switch. */
  realtime: boolean
  /** The browser reports a network. */
  online: boolean
  status: LiveStatus
  /** How long the connection has been not live (ms), while the switch is on and the network is up. */
  notLiveForMs: number
  /** The connection was live before this attempt (it dropped or stalled), rather than never yet. */
  wasLive?: boolean
}

/**
 * Badge states that say what is true: `Paused` when Real-time is off (figures frozen on purpose, not a
 * fault), `Offline` without a network or when connecting has failed for longer than a few seconds,
 * `Connecting…` only in the first seconds of an attempt (`Reconnecting…` when the connection was live and
 * was lost).
 */
export function badgeState({ realtime, online, status, notLiveForMs, wasLive = false }: BadgeInput): BadgeState {
  if (!realtime)
    return 'paused'
  if (!online)
    return 'offline'
  if (status !== 'connecting')
    return status
  if (notLiveForMs >= CONNECTING_GRACE_MS)
    return 'offline'
  return wasLive ? 'reconnecting' : 'connecting'
}
