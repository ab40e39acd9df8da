import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { afterRound, MAX_GAP_MS, nextRound } from '~server/utils/events/flush-pacing'

describe('nextRound', () => {
  it('writes at once when the last round ended at least twice its duration ago', () => {
    expect(nextRound({ roundEnd: 100, duration: 10, busyRounds: 0, share: 1 }, 120)).toEqual({ delay: 0, busyRounds: 0 })
    expect(nextRound({ roundEnd: 100, duration: 10, busyRounds: 7, share: 1 }, 125)).toEqual({ delay: 0, busyRounds: 0 })
  })

  it('spaces rounds while events keep coming: the duration, doubled per busy round, up to the cap', () => {
    // Rounds have taken most of the time (share 0.9); an event right after each round's end.
    let pacing = { roundEnd: 0, duration: 10, busyRounds: 0, share: 0.9 }
    const gaps: number[] = []
    for (let round = 0; round < 7; round++) {
      const { delay, busyRounds } = nextRound(pacing, pacing.roundEnd + 1)
      gaps.push(delay + 1)
      pacing = { ...pacing, roundEnd: pacing.roundEnd + delay + 1 + 10, busyRounds }
    }
    expect(gaps).toEqual([10, 20, 40, 80, MAX_GAP_MS, MAX_GAP_MS, MAX_GAP_MS])
  })

  it('after a burst, writes a steady 20 events/s as each comes (no 100 ms gap left over)', () => {
    // Rounds of 10 ms at the cap after a burst, then one event every 50 ms.
    let pacing = { roundEnd: 0, duration: 10, busyRounds: 16, share: 1 }
    for (let event = 1; event <= 20; event++) {
      const now = event * 50
      const { delay, busyRounds } = nextRound(pacing, now)
      expect(delay).toBe(0)
      pacing = afterRound({ ...pacing, busyRounds }, now, now + 10)
    }
  })

  it('after a burst, a trickle whose rounds take 20 ms every 50 ms is written as it comes once rounds take under half the time', () => {
    // 20 ms rounds end 30 ms before the next event: less than twice their duration, so the streams look
    // busy to that test alone. Rounds take 40 % of the time: the events go through as they come.
    let pacing = { roundEnd: 0, duration: 20, busyRounds: 16, share: 1 }
    const delays: number[] = []
    let now = 0
    for (let event = 1; event <= 30; event++) {
      now = Math.max(now + 50, pacing.roundEnd)
      const { delay, busyRounds } = nextRound(pacing, now)
      delays.push(Math.round(delay))
      pacing = afterRound({ ...pacing, busyRounds }, now + delay, now + delay + 20)
    }
    expect(delays.slice(-10)).toEqual(Array.from({ length: 10 }, () => 0))
  })

  it('never waits past the cap nor before the last round ended', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: 1e6, noNaN: true }),
      fc.double({ min: 0, max: 1000, noNaN: true }),
      fc.integer({ min: 0, max: 16 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1000, noNaN: true }),
      (roundEnd, duration, busyRounds, share, after) => {
        const { delay, busyRounds: next } = nextRound({ roundEnd, duration, busyRounds, share }, roundEnd + after)
        expect(delay).toBeGreaterThanOrEqual(0)
        // The round runs at once, or by the cap after the last one.
        if (delay > 0)
          expect(after + delay).toBeLessThanOrEqual(MAX_GAP_MS + 1e-3)
        expect(next).toBeLessThanOrEqual(16)
      },
    ))
  })
})
