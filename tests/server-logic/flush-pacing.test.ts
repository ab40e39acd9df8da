import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { afterRound, MAX_GAP_MS, nextRound } from '~server/utils/events/flush-pacing'

// One event every `interval` ms and rounds of `duration` ms, from the pacing given, played out as the
// scheduler does (a round carries every event that arrived before it ran): each event's wait.
function delaysOfTrickle(pacing: { roundEnd: number, duration: number, busyRounds: number, rate: number }, interval: number, events: number): number[] {
  const delays: number[] = []
  let waiting: number[] = []
  let roundAt: number | null = null
  const runRound = () => {
    for (const arrived of waiting) delays.push(Math.round(roundAt! - arrived))
    pacing = afterRound(pacing, roundAt!, roundAt! + pacing.duration, waiting.length)
    waiting = []
    roundAt = null
  }
  const start = pacing.roundEnd
  for (let event = 1; event <= events; event++) {
    let now = start + event * interval
    if (roundAt !== null && roundAt <= now)
      runRound()
    now = Math.max(now, pacing.roundEnd)
    waiting.push(now)
    if (roundAt === null) {
      const { delay, busyRounds } = nextRound(pacing, now)
      pacing = { ...pacing, busyRounds }
      roundAt = now + delay
    }
  }
  if (roundAt !== null)
    runRound()
  return delays
}

describe('flush pacing', () => {
  it('writes at once when the last round ended at least twice its duration ago, whatever the rate', () => {
    expect(nextRound({ roundEnd: 100, duration: 10, busyRounds: 7, rate: 5 }, 120)).toEqual({ delay: 0, busyRounds: 0 })
  })

  it('writes at once while events come slower than rounds could write them one by one', () => {
    // 0.05 events/ms × 10 ms rounds = 0.5 < 1, even right after a round.
    expect(nextRound({ roundEnd: 100, duration: 10, busyRounds: 7, rate: 0.05 }, 101)).toEqual({ delay: 0, busyRounds: 0 })
  })

  it('coalesces while events come faster: the duration, doubled per busy round, up to the cap', () => {
    let pacing = { roundEnd: 0, duration: 10, busyRounds: 0, rate: 1 }
    const gaps: number[] = []
    for (let round = 0; round < 7; round++) {
      const { delay, busyRounds } = nextRound(pacing, pacing.roundEnd + 1)
      gaps.push(delay + 1)
      pacing = { ...pacing, roundEnd: pacing.roundEnd + delay + 1 + 10, busyRounds }
    }
    expect(gaps).toEqual([10, 20, 40, 80, MAX_GAP_MS, MAX_GAP_MS, MAX_GAP_MS])
  })

  it('after a burst, writes a steady 20 events/s as each comes within a few events (no 100 ms gap left over)', () => {
    // Rounds of 20 ms after a burst at the cap: 20 events/s × 20 ms = 0.4 round's worth a round.
    const delays = delaysOfTrickle({ roundEnd: 0, duration: 20, busyRounds: 16, rate: 2 }, 50, 30)
    expect(delays.slice(10)).toEqual(Array.from({ length: 20 }, () => 0))
  })

  it('keeps coalescing a trickle that rounds could not keep up with one by one', () => {
    // Rounds of 80 ms (10,000 streams) and an event every 50 ms: writing each at once would never catch up.
    const delays = delaysOfTrickle({ roundEnd: 0, duration: 80, busyRounds: 0, rate: 0.02 }, 50, 30)
    expect(delays.slice(10).every(delay => delay > 0)).toBe(true)
  })

  it('never waits past the cap after the last round, nor a negative time', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: 1e6, noNaN: true }),
      fc.double({ min: 0, max: 1000, noNaN: true }),
      fc.integer({ min: 0, max: 16 }),
      fc.double({ min: 0, max: 100, noNaN: true }),
      fc.double({ min: 0, max: 1000, noNaN: true }),
      (roundEnd, duration, busyRounds, rate, after) => {
        const { delay, busyRounds: next } = nextRound({ roundEnd, duration, busyRounds, rate }, roundEnd + after)
        expect(delay).toBeGreaterThanOrEqual(0)
        if (delay > 0)
          expect(after + delay).toBeLessThanOrEqual(MAX_GAP_MS + 1e-3)
        expect(next).toBeLessThanOrEqual(16)
      },
    ))
  })
})
