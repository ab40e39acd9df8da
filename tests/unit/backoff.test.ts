import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../../app/logic/backoff'

describe('backoffDelay', () => {
  it('retries the first time within 5 s, never at once', () => {
    expect(backoffDelay(0, { random: () => 0 })).toBe(500)
    expect(backoffDelay(0, { random: () => 0.999 })).toBeLessThanOrEqual(1000)
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(0)
      expect(delay).toBeGreaterThan(0)
      expect(delay).toBeLessThanOrEqual(5000)
    }
  })

  it('grows exponentially and is capped at 60 s', () => {
    const max = (attempt: number) => backoffDelay(attempt, { random: () => 0.999999 })
    expect(max(1)).toBeLessThanOrEqual(2000)
    expect(max(3)).toBeLessThanOrEqual(8000)
    expect(max(3)).toBeGreaterThan(max(2))
    expect(max(10)).toBe(60_000)
    expect(max(100)).toBe(60_000)
  })

  it('spreads clients out (jitter between half the cap and the cap)', () => {
    expect(backoffDelay(4, { random: () => 0 })).toBe(8000)
    expect(backoffDelay(4, { random: () => 0.5 })).toBe(12_000)
  })
})
