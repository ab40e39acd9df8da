import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { usePageVisibility } from '../../app/composables/usePageVisibility'
import { FakeDocument } from './fakes/browser'

function setup(graceMs?: number) {
  const document = new FakeDocument()
  const scope = effectScope()
  const page = scope.run(() => usePageVisibility({ document, graceMs }))!
  return { document, page, stop: () => scope.stop() }
}

describe('usePageVisibility: visibility with a grace period', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('starts from the document: a page loaded hidden is not active', () => {
    const document = new FakeDocument()
    document.visibilityState = 'hidden'
    const page = effectScope().run(() => usePageVisibility({ document }))!
    expect(page.visible.value).toBe(false)
    expect(page.active.value).toBe(false)
  })

  it('a hidden page stays active for the grace period (10 s by default), then lets go', () => {
    const { document, page } = setup()
    expect(page.active.value).toBe(true)
    document.setVisibility('hidden')
    expect(page.visible.value).toBe(false)
    expect(page.active.value).toBe(true)
    vi.advanceTimersByTime(9_999)
    expect(page.active.value).toBe(true)
    vi.advanceTimersByTime(1)
    expect(page.active.value).toBe(false)
  })

  it('coming back within the grace period keeps it active, and a later hide starts a fresh grace period', () => {
    const { document, page } = setup(1_000)
    document.setVisibility('hidden')
    vi.advanceTimersByTime(900)
    document.setVisibility('visible')
    expect(page.visible.value).toBe(true)
    vi.advanceTimersByTime(5_000)
    expect(page.active.value).toBe(true)
    document.setVisibility('hidden')
    vi.advanceTimersByTime(999)
    expect(page.active.value).toBe(true)
    vi.advanceTimersByTime(1)
    expect(page.active.value).toBe(false)
  })

  it('coming back after the grace period is active again at once', () => {
    const { document, page } = setup(1_000)
    document.setVisibility('hidden')
    vi.advanceTimersByTime(2_000)
    expect(page.active.value).toBe(false)
    document.setVisibility('visible')
    expect(page.active.value).toBe(true)
  })

  it('stops listening and drops its timer when the scope is disposed', () => {
    const { document, page, stop } = setup(1_000)
    document.setVisibility('hidden')
    stop()
    expect(vi.getTimerCount()).toBe(0)
    document.setVisibility('visible')
    expect(page.visible.value).toBe(false)
  })
})
