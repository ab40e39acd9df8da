import { describe, expect, it } from 'vitest'
import { bucketOf, bucketStarts, rangeBounds } from '~server/utils/time/local-time'

describe('store-local time', () => {
  it('puts an instant in the start of its local hour', () => {
    expect(bucketOf('2026-11-26T03:48:30.000Z', 'UTC')).toBe('2026-11-26T03:00:00.000Z')
    expect(bucketOf('2026-11-26T03:48:30.000Z', 'America/New_York')).toBe('2026-11-26T03:00:00.000Z')
    // India is UTC+5:30: local hours start at half past UTC hours.
    expect(bucketOf('2026-11-26T03:48:30.000Z', 'Asia/Kolkata')).toBe('2026-11-26T03:30:00.000Z')
    expect(bucketOf('2026-11-26T03:29:59.999Z', 'Asia/Kolkata')).toBe('2026-11-26T02:30:00.000Z')
  })

  it('gives the same answer from its cache as computed afresh, across quarter hours', () => {
    for (let minute = 0; minute < 180; minute += 7) {
      const instant = Date.parse('2026-03-08T05:00:00.000Z') + minute * 60_000
      const first = bucketOf(instant, 'America/New_York')
      expect(bucketOf(instant, 'America/New_York')).toBe(first)
      expect(Date.parse(first)).toBeLessThanOrEqual(instant)
      expect(instant - Date.parse(first)).toBeLessThan(3_600_000)
    }
  })

  it('makes ranges of whole local days ending with today', () => {
    const now = new Date('2026-11-26T03:48:30.000Z') // 22:48 on Nov 25 in New York
    expect(rangeBounds('today', 'America/New_York', now)).toEqual({ from: '2026-11-25T05:00:00.000Z', to: '2026-11-26T05:00:00.000Z' })
    expect(rangeBounds('today', 'UTC', now)).toEqual({ from: '2026-11-26T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z' })
    expect(rangeBounds('7d', 'UTC', now)).toEqual({ from: '2026-11-20T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z' })
    // 30 days back in New York crosses the end of daylight saving time (Nov 1): midnight moves from 04:00Z to 05:00Z.
    expect(rangeBounds('30d', 'America/New_York', now).from).toBe('2026-10-27T04:00:00.000Z')
  })

  it('has 23 hourly buckets on the day clocks spring forward and 25 when they fall back', () => {
    const spring = rangeBounds('today', 'America/New_York', new Date('2026-03-08T18:00:00.000Z'))
    const fall = rangeBounds('today', 'America/New_York', new Date('2026-11-01T18:00:00.000Z'))
    expect(bucketStarts(spring, 'hour', 'America/New_York')).toHaveLength(23)
    expect(bucketStarts(fall, 'hour', 'America/New_York')).toHaveLength(25)
    expect(bucketStarts(rangeBounds('90d', 'Europe/Berlin', new Date('2026-11-26T12:00:00.000Z')), 'day', 'Europe/Berlin')).toHaveLength(90)
  })
})
