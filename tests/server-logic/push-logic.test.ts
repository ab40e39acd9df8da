import { describe, expect, it } from 'vitest'
import { DEFAULT_ALERTS, mergeAlerts, nextOccurrence, quietUntil } from '~server/utils/push/alerts'
import { isPublicAddress } from '~server/utils/push/endpoint'
import { parseRetryAfter } from '~server/utils/push/http-send'

const at = (iso: string) => Date.parse(iso)
const quiet = (from: string, to: string) => ({ ...DEFAULT_ALERTS, quietHours: { from, to } })

describe('push alert times', () => {
  it('finds the next local occurrence of a time of day, across DST changes', () => {
    expect(new Date(nextOccurrence('13:00', 'UTC', at('2026-11-29T12:20:00Z'))).toISOString()).toBe('2026-11-29T13:00:00.000Z')
    expect(new Date(nextOccurrence('12:00', 'UTC', at('2026-11-29T12:20:00Z'))).toISOString()).toBe('2026-11-30T12:00:00.000Z')
    // New York: 21:00 on the day DST ends (UTC-4 until 02:00 local, then UTC-5).
    expect(new Date(nextOccurrence('21:00', 'America/New_York', at('2026-11-01T12:00:00Z'))).toISOString()).toBe('2026-11-02T02:00:00.000Z')
    expect(new Date(nextOccurrence('08:00', 'America/New_York', at('2026-10-31T12:00:00Z'))).toISOString()).toBe('2026-11-01T13:00:00.000Z')
  })

  it('holds during quiet hours, also when they span midnight, and says until when', () => {
    expect(quietUntil(quiet('22:00', '07:00'), 'UTC', at('2026-11-29T23:30:00Z'))).toBe(at('2026-11-30T07:00:00Z'))
    expect(quietUntil(quiet('22:00', '07:00'), 'UTC', at('2026-11-29T06:59:00Z'))).toBe(at('2026-11-29T07:00:00Z'))
    expect(quietUntil(quiet('22:00', '07:00'), 'UTC', at('2026-11-29T07:00:00Z'))).toBeNull()
    expect(quietUntil(quiet('12:00', '14:00'), 'Europe/Paris', at('2026-11-29T11:30:00Z'))).toBe(at('2026-11-29T13:00:00Z'))
    expect(quietUntil(DEFAULT_ALERTS, 'UTC', at('2026-11-29T11:30:00Z'))).toBeNull()
  })

  it('merges alert changes: absent keeps, null clears', () => {
    const base = mergeAlerts(DEFAULT_ALERTS, { minOrderCents: 500, dailySummaryAt: '21:00' })
    expect(mergeAlerts(base, { payments: false, minOrderCents: null })).toEqual({ ...DEFAULT_ALERTS, payments: false, dailySummaryAt: '21:00' })
  })
})

describe('push endpoint addresses', () => {
  it('accepts public addresses only', () => {
    for (const address of ['142.250.74.46', '2a00:1450:4007:80e::200a', '8.8.8.8'])
      expect(isPublicAddress(address), address).toBe(true)
    for (const address of ['127.0.0.1', '10.0.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.1.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd12::1', '::ffff:127.0.0.1', '::ffff:a00:1', 'localhost', ''])
      expect(isPublicAddress(address), address).toBe(false)
  })

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('120')).toBe(120_000)
    expect(parseRetryAfter('Sun, 29 Nov 2026 12:01:00 GMT', at('2026-11-29T12:00:00Z'))).toBe(60_000)
    expect(parseRetryAfter('soon')).toBeNull()
    expect(parseRetryAfter(undefined)).toBeNull()
  })
})
