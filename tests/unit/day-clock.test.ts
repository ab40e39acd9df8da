import { describe, expect, it } from 'vitest'
import { COMPARISON_REFRESH_MS, msIntoHour, nextClockWake } from '../../app/logic/day-clock'

const at = (iso: string) => Date.parse(iso)

describe('msIntoHour: the store\'s clock, not the device\'s', () => {
  it('counts from the whole hour of the zone, half-hour zones included', () => {
    expect(msIntoHour(at('2026-12-05T14:07:30.250Z'), 'UTC')).toBe((7 * 60 + 30) * 1000 + 250)
    // India is UTC+5:30: 14:07 UTC is 19:37 there.
    expect(msIntoHour(at('2026-12-05T14:07:30Z'), 'Asia/Kolkata')).toBe((37 * 60 + 30) * 1000)
    expect(msIntoHour(at('2026-12-05T14:00:00Z'), 'America/New_York')).toBe(0)
  })
})

describe('nextClockWake: when a page left open must act', () => {
  const now = at('2026-12-05T14:07:00Z')
  const intoHour = 7 * 60_000

  it('moves the comparison every few minutes, and at the whole hour when that comes first', () => {
    expect(nextClockWake({ now, intoHour, dayEndsAt: null, comparing: true })).toEqual({ at: now + COMPARISON_REFRESH_MS, reason: 'comparison' })
    const late = at('2026-12-05T14:58:00Z')
    expect(nextClockWake({ now: late, intoHour: 58 * 60_000, dayEndsAt: null, comparing: true })).toEqual({ at: at('2026-12-05T15:00:00Z'), reason: 'comparison' })
  })

  it('rolls the day over at the business day\'s end, before any comparison refresh past it', () => {
    const dayEnd = at('2026-12-05T14:09:00Z')
    expect(nextClockWake({ now, intoHour, dayEndsAt: dayEnd, comparing: true })).toEqual({ at: dayEnd, reason: 'day' })
    expect(nextClockWake({ now, intoHour, dayEndsAt: at('2026-12-06T05:00:00Z'), comparing: false })).toEqual({ at: at('2026-12-06T05:00:00Z'), reason: 'day' })
    // A day already over (a tab woken from sleep): at once.
    expect(nextClockWake({ now, intoHour, dayEndsAt: now - 60_000, comparing: true })).toEqual({ at: now, reason: 'day' })
  })

  it('has nothing to do without a day end or a comparison', () => {
    expect(nextClockWake({ now, intoHour, dayEndsAt: null, comparing: false })).toBeNull()
  })
})
