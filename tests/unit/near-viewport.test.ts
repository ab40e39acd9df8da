import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { whenNearViewport } from '../../app/logic/near-viewport'

// The browser's IntersectionObserver, driven by the test: `near()` says the element came near the viewport.
let observers: Array<{ callback: IntersectionObserverCallback, margin?: string, disconnected: boolean }> = []
class FakeObserver {
  entry: (typeof observers)[number]
  constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
    this.entry = { callback, margin: options?.rootMargin, disconnected: false }
    observers.push(this.entry)
  }

  observe() {}
  disconnect() {
    this.entry.disconnected = true
  }
}
function near() {
  for (const o of observers.filter(o => !o.disconnected))
    o.callback([{ isIntersecting: true } as IntersectionObserverEntry], {} as IntersectionObserver)
}

describe('work for a part below the fold', () => {
  beforeEach(() => {
    observers = []
    vi.useFakeTimers()
    vi.stubGlobal('IntersectionObserver', FakeObserver)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })
  const element = {} as Element

  it('runs once when the element comes near the viewport, not again later', () => {
    const work = vi.fn()
    whenNearViewport(element, work, { laterMs: 3000 })
    expect(work).not.toHaveBeenCalled()
    expect(observers[0]!.margin).toBe('0px')
    near()
    expect(work).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(5000)
    near()
    expect(work).toHaveBeenCalledTimes(1)
    expect(observers[0]!.disconnected).toBe(true)
  })

  it('runs seconds later when the element never came near', () => {
    const work = vi.fn()
    whenNearViewport(element, work, { laterMs: 3000 })
    vi.advanceTimersByTime(2999)
    expect(work).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(work).toHaveBeenCalledTimes(1)
  })

  it('cancelled, it never runs, and it cancels what the work started', () => {
    const work = vi.fn()
    whenNearViewport(element, work)()
    near()
    vi.advanceTimersByTime(10_000)
    expect(work).not.toHaveBeenCalled()
    const cancelStep = vi.fn()
    const cancel = whenNearViewport(element, () => cancelStep)
    near()
    cancel()
    expect(cancelStep).toHaveBeenCalledTimes(1)
  })

  it('runs at once without an element or an IntersectionObserver', () => {
    const work = vi.fn()
    whenNearViewport(undefined, work)
    expect(work).toHaveBeenCalledTimes(1)
  })
})
