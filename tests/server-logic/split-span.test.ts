import { describe, expect, it } from 'vitest'
import { splitSpan } from '~server/utils/analytics/split-span'
import { createRandom } from '~server/utils/demo/random'
import { bucketOf, localDateOf } from '~server/utils/time/local-time'

const HOUR = 3_600_000

/** Every bucket (local hour start) from `from` to `to` with its local date, as the rollups name them. */
function bucketsBetween(from: number, to: number, timeZone: string): Array<{ bucket: string, day: string }> {
  const buckets = new Set<string>()
  for (let t = from; t < to; t += 15 * 60_000) buckets.add(bucketOf(t, timeZone))
  return [...buckets].map(bucket => ({ bucket, day: localDateOf(bucket, timeZone) }))
}

describe('splitSpan: the buckets of a span, as whole local dates and the hours of its partial ends', () => {
  // Kolkata (+05:30), Kathmandu (+05:45), New York (25- and 23-hour days), Santiago (DST skips midnight), Lord Howe (a half-hour DST).
  for (const timeZone of ['UTC', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe']) {
    it(`covers exactly the buckets of random spans in ${timeZone}`, () => {
      const random = createRandom(26)
      const origin = Date.parse('2026-03-01T00:00:00.000Z')
      const all = bucketsBetween(origin - 2 * 86_400_000, origin + 372 * 86_400_000, timeZone)
      for (let i = 0; i < 100; i++) {
        // Spans between local hours (a range's bounds, a comparison's cut hour), from an hour to 70 days.
        const from = bucketOf(origin + Math.floor(random() * 300 * 24) * HOUR, timeZone)
        const to = bucketOf(Date.parse(from) + Math.floor(random() * 70 * 24) * HOUR, timeZone)
        const { head, days, tail } = splitSpan({ from, to }, timeZone)
        // Each bucket of the span in exactly one part, every other bucket in none.
        const counts = all.map(({ bucket, day }) => [bucket >= head.from && bucket < head.to, day >= days.from && day < days.to, bucket >= tail.from && bucket < tail.to].filter(Boolean).length)
        expect(counts, `${from}..${to}`).toEqual(all.map(({ bucket }) => bucket >= from && bucket < to ? 1 : 0))
      }
    })
  }

  it('30 days from a 04:00 business day start in Kolkata: 29 whole dates, 20 and 4 hours at the ends', () => {
    const span = splitSpan({ from: '2026-10-26T22:30:00.000Z', to: '2026-11-25T22:30:00.000Z' }, 'Asia/Kolkata')
    expect(span).toEqual({
      head: { from: '2026-10-26T22:30:00.000Z', to: '2026-10-27T18:30:00.000Z' },
      days: { from: '2026-10-28', to: '2026-11-26' },
      tail: { from: '2026-11-25T18:30:00.000Z', to: '2026-11-25T22:30:00.000Z' },
    })
  })

  it('a whole local day is one daily row; a span inside one date is hours only', () => {
    expect(splitSpan({ from: '2026-11-01T04:00:00.000Z', to: '2026-11-02T05:00:00.000Z' }, 'America/New_York')).toEqual({
      head: { from: '2026-11-01T04:00:00.000Z', to: '2026-11-01T04:00:00.000Z' },
      days: { from: '2026-11-01', to: '2026-11-02' },
      tail: { from: '2026-11-02T05:00:00.000Z', to: '2026-11-02T05:00:00.000Z' },
    })
    const inside = { from: '2026-11-20T05:00:00.000Z', to: '2026-11-20T17:00:00.000Z' }
    expect(splitSpan(inside, 'America/New_York')).toMatchObject({ head: inside, tail: { from: inside.to, to: inside.to } })
  })
})
