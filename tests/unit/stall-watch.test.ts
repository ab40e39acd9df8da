import { describe, expect, it } from 'vitest'
import { DEFAULT_HEARTBEAT_MS, STALL_GRACE_MS, stallTimeoutMs } from '../../app/logic/stall-watch'

// The watch itself (heartbeats keep it open, silence drops it, a hanging connect too): live-stream.test.ts.
describe('stallTimeoutMs: no bytes for heartbeat + 15 s is a lost connection', () => {
  it('adds the grace to the server\'s interval, or to the default one until the server said it', () => {
    expect(stallTimeoutMs(30_000)).toBe(45_000)
    expect(stallTimeoutMs(1000)).toBe(16_000)
    expect(stallTimeoutMs(1000, 500)).toBe(1500)
    expect(stallTimeoutMs(undefined)).toBe(DEFAULT_HEARTBEAT_MS + STALL_GRACE_MS)
  })

  it('ignores an interval that is not a positive number', () => {
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(stallTimeoutMs(bad)).toBe(45_000)
  })
})
