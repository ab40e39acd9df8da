// How long a flush round waits for more events: the pure part of the flush scheduler, kept apart so
// that it can be checked without a clock.

/** Past this gap between rounds, events wait no longer: up to 100 ms was the seed's promise. */
export const MAX_GAP_MS = 100
/** The streams count as idle when the last round ended this many of its own durations ago. */
const IDLE_AFTER_DURATIONS = 2
/** Weight of the newest round in the event rate. */
const RATE_WEIGHT = 0.6

export interface Pacing {
  /** When the last round ended (ms, performance.now()). */
  roundEnd: number
  /** How long the last round took (ms). */
  duration: number
  /** Rounds in a row that found the streams busy. */
  busyRounds: number
  /** Events per ms lately (a moving average over rounds). */
  rate: number
}

/** The pacing after a round that ran from `start` to `end` and carried the `events` published since the last one. */
export function afterRound(pacing: Pacing, start: number, end: number, events: number): Pacing {
  const period = end - pacing.roundEnd
  const rate = Number.isFinite(period) && period > 0 ? events / period : 0
  return { ...pacing, roundEnd: end, duration: end - start, rate: pacing.rate * (1 - RATE_WEIGHT) + rate * RATE_WEIGHT }
}

/**
 * When the next round runs after an event arrives at `now`. A round costs about the same whatever it
 * carries (a write per stream), so what decides is whether writing every event as it comes would keep
 * up: events per ms × a round's duration. Under one, or when the last round ended twice its duration
 * ago, the round runs at once (0): single orders and a steady trickle wait for nothing, however busy the
 * streams were a moment before. Over one (a burst, a busy store at thousands of streams), events coalesce:
 * the next round waits the last one's duration after its end, doubled for each busy round in a row, up
 * to MAX_GAP_MS, so that the loop keeps time to read requests and commit.
 */
export function nextRound(pacing: Pacing, now: number): { delay: number, busyRounds: number } {
  const { roundEnd, duration, busyRounds, rate } = pacing
  if (now - roundEnd >= duration * IDLE_AFTER_DURATIONS || rate * duration < 1)
    return { delay: 0, busyRounds: 0 }
  const busy = Math.min(busyRounds + 1, 16)
  const gap = Math.min(MAX_GAP_MS, duration * 2 ** (busy - 1))
  return { delay: Math.max(0, roundEnd + gap - now), busyRounds: busy }
}
