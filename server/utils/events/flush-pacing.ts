// How long a flush round waits for the streams to catch their breath: the pure part of the flush
// scheduler, kept apart so that it can be checked without a clock.

/** Past this gap between rounds, events wait no longer: up to 100 ms was the seed's promise. */
export const MAX_GAP_MS = 100
/** The streams count as idle when the last round ended this many of its own durations ago. */
const IDLE_AFTER_DURATIONS = 2
/** ...or when rounds have lately taken less than this share of the time. */
const BUSY_SHARE = 0.5
/** Weight of the newest round in `share`. */
const SHARE_WEIGHT = 0.3

export interface Pacing {
  /** When the last round ended (ms, performance.now()). */
  roundEnd: number
  /** How long the last round took (ms). */
  duration: number
  /** Rounds in a row that found the streams busy. */
  busyRounds: number
  /** The share of the time the recent rounds took (0 to 1), a moving average. */
  share: number
}

/** The pacing after a round that ran from `start` to `end`. */
export function afterRound(pacing: Pacing, start: number, end: number): Pacing {
  const period = end - pacing.roundEnd
  const taken = Number.isFinite(period) && period > 0 ? Math.min(1, (end - start) / period) : 0
  return { ...pacing, roundEnd: end, duration: end - start, share: pacing.share * (1 - SHARE_WEIGHT) + taken * SHARE_WEIGHT }
}

/**
 * When the next round runs after an event arrives at `now`: at once (0) while the streams are idle, else
 * a gap after the end of the last round: its duration, doubled for each further busy round in a row, up
 * to MAX_GAP_MS. Idle means that the last round ended at least twice its duration ago, or that rounds
 * have lately taken less than half of the time: a steady trickle of events is then written as each
 * comes, and a gap left over from a burst or a reconnect storm does not hold it back.
 */
export function nextRound(pacing: Pacing, now: number): { delay: number, busyRounds: number } {
  const { roundEnd, duration, busyRounds, share } = pacing
  if (now - roundEnd >= duration * IDLE_AFTER_DURATIONS || share < BUSY_SHARE)
    return { delay: 0, busyRounds: 0 }
  const busy = Math.min(busyRounds + 1, 16)
  const gap = Math.min(MAX_GAP_MS, duration * 2 ** (busy - 1))
  return { delay: Math.max(0, roundEnd + gap - now), busyRounds: busy }
}
