import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createStallWatch, DEFAULT_HEARTBEAT_MS, STALL_GRACE_MS, stallTimeoutMs } from '../../app/logic/stall-watch'

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

describe('createStallWatch', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('fires once after the timeout without a touch', () => {
    const onStall = vi.fn()
    const watch = createStallWatch(onStall)
    watch.arm(1000)
    vi.advanceTimersByTime(999)
    expect(onStall).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onStall).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(5000)
    expect(onStall).toHaveBeenCalledTimes(1)
  })

  it('starts over on each touch, with the last timeout', () => {
    const onStall = vi.fn()
    const watch = createStallWatch(onStall)
    watch.arm(1000)
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(900)
      watch.touch()
    }
    expect(onStall).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1000)
    expect(onStall).toHaveBeenCalledTimes(1)
  })

  it('a touch after it fired or was stopped does not start it again', () => {
    const onStall = vi.fn()
    const watch = createStallWatch(onStall)
    watch.arm(1000)
    watch.stop()
    watch.touch()
    vi.advanceTimersByTime(5000)
    expect(onStall).not.toHaveBeenCalled()
    watch.arm(100)
    vi.advanceTimersByTime(100)
    watch.touch()
    vi.advanceTimersByTime(5000)
    expect(onStall).toHaveBeenCalledTimes(1)
  })
})
