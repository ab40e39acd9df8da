import { describe, expect, it } from 'vitest'
import { parseDuration } from '~server/utils/config'

describe('parseDuration', () => {
  it('reads units and bare milliseconds', () => {
    expect(parseDuration('7d')).toBe(7 * 86_400_000)
    expect(parseDuration('12h')).toBe(12 * 3_600_000)
    expect(parseDuration('30m')).toBe(1_800_000)
    expect(parseDuration('10s')).toBe(10_000)
    expect(parseDuration('250ms')).toBe(250)
    expect(parseDuration('1500')).toBe(1500)
  })

  it('refuses what it cannot read', () => {
    expect(() => parseDuration('soon')).toThrow(/Invalid duration/)
    expect(() => parseDuration('-1d')).toThrow(/Invalid duration/)
  })
})
