// @vitest-environment happy-dom
import type { Heatmap } from '~shared/types/api'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useAnalyticsStore } from '../../app/stores/analytics'
import { useSessionStore } from '../../app/stores/session'
import { FROM, IN_RANGE, streamEvent, summary, timeseries, TO, topProducts } from './fixtures'

const comparison = { ...summary({ revenueCents: 8000, orderCount: 2 }), compare: 'previous' as const, from: '2026-11-25T05:00:00.000Z', to: '2026-11-25T15:30:00.000Z' }

/** The server, faked at fetch: answers with a comparison when asked for one, and records the URLs. */
function fakeApi() {
  const calls: string[] = []
  vi.stubGlobal('fetch', vi.fn(async (input: string | URL | Request) => {
    const url = String(input)
    calls.push(url)
    const range = new URL(url, 'http://x').searchParams.get('range') as 'today'
    const compared = url.includes('compare=')
    const body = url.includes('/analytics/summary')
      ? summary({ range, ...(compared ? { comparison } : {}), ...(range === 'today' ? { goal: { targetCents: 50_000, collectedCents: 10_000, expectedByNowCents: 12_000 } } : {}) })
      : url.includes('/analytics/timeseries')
        ? timeseries({ range, ...(compared ? { comparison: { compare: 'previous', from: FROM, to: TO, points: timeseries().points } } : {}) })
        : url.includes('/analytics/heatmap')
          ? { range, from: FROM, to: TO, cells: [], lastSeq: 10 } satisfies Heatmap
          : topProducts()
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
  }))
  return calls
}

describe('analytics store: comparisons, custom ranges, heatmap', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    localStorage.clear()
    useSessionStore().store = { id: 'store-1', name: 'Demo', timeZone: 'UTC', currency: 'USD', createdAt: '' }
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('compares with the previous period by default, and remembers another choice per range', async () => {
    const calls = fakeApi()
    const analytics = useAnalyticsStore()
    await analytics.load('today')
    expect(calls.slice(0, 2)).toEqual(['/api/v1/analytics/summary?range=today&compare=previous', '/api/v1/analytics/timeseries?range=today&compare=previous'])
    expect(calls[2]).toBe('/api/v1/analytics/top-products?range=today&limit=5')
    expect(analytics.data!.summary.comparison).toEqual(comparison)
    expect(analytics.businessToday).toBe('2026-11-26')

    calls.length = 0
    analytics.setCompare(null)
    expect(analytics.data!.summary.orderCount).toBe(4) // the figures stay while the new ones load
    await vi.waitFor(() => expect(analytics.data!.summary.comparison).toBeUndefined())
    expect(calls[0]).toBe('/api/v1/analytics/summary?range=today')
    await analytics.load('7d')
    expect(analytics.compare).toBe('previous')
    await analytics.load('today')
    expect(analytics.compare).toBeNull()
  })

  it('loads a custom range by its dates and its heatmap on request only', async () => {
    const calls = fakeApi()
    const analytics = useAnalyticsStore()
    await analytics.load('custom')
    expect(calls).toEqual([]) // no dates yet: nothing to load
    await analytics.load('custom', { span: { from: '2026-11-01', to: '2026-11-07' } })
    expect(calls[0]).toBe('/api/v1/analytics/summary?range=custom&from=2026-11-01&to=2026-11-07&compare=previous')
    expect(calls).toHaveLength(3)
    expect(analytics.heatmap).toBeNull()
    await analytics.loadHeatmap()
    expect(calls[3]).toBe('/api/v1/analytics/heatmap?range=custom&from=2026-11-01&to=2026-11-07')
    expect(analytics.heatmap?.cells).toEqual([])
    await analytics.load('today')
    await analytics.loadHeatmap()
    expect(calls.filter(c => c.includes('heatmap'))).toHaveLength(1)
  })

  it('live events move the current figures and the goal, never the comparison', async () => {
    fakeApi()
    const analytics = useAnalyticsStore()
    await analytics.load('today')
    analytics.handleEvent(streamEvent('order_created', 11))
    analytics.handleEvent(streamEvent('payment_received', 12, {}, { paidCents: 1250 }))
    // The first events wait for the code that applies them (a chunk of its own).
    await vi.dynamicImportSettled()
    const { summary: now, timeseries: series } = analytics.data!
    expect(now).toMatchObject({ orderCount: 5, revenueCents: 11_250, grossSalesCents: 11_250 })
    expect(now.goal).toEqual({ targetCents: 50_000, collectedCents: 11_250, expectedByNowCents: 12_000 })
    expect(now.comparison).toEqual(comparison)
    expect(series!.points[10].revenueCents).toBe(1250)
    expect(series!.comparison!.points[10]!.revenueCents).toBe(0)
  })

  it('a past custom range passes over events after its end without refetching', async () => {
    const calls = fakeApi()
    const analytics = useAnalyticsStore()
    await analytics.load('custom', { span: { from: '2026-11-01', to: '2026-11-07' } })
    // A refetch the events asked for would run within a second (the throttle's interval).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    calls.length = 0
    const later = new Date(Date.parse(TO) + 3_600_000).toISOString()
    analytics.handleEvent(streamEvent('order_created', 11, { at: later }, { createdAt: later }))
    analytics.handleEvent(streamEvent('order_created', 12, {}, { createdAt: IN_RANGE }))
    await vi.dynamicImportSettled()
    expect(analytics.data!.summary).toMatchObject({ orderCount: 5, lastSeq: 12 })
    await vi.advanceTimersByTimeAsync(1100)
    expect(calls).toEqual([])
  })
})
