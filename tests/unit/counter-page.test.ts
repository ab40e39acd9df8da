// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import CounterPage from '../../app/pages/CounterPage.vue'
import { useLiveStore } from '../../app/stores/live'
import { useSessionStore } from '../../app/stores/session'
import { mountWithI18n as mount } from '../helpers/i18n'
import { IN_RANGE, streamEvent, summary } from './fixtures'

/** The server, faked at fetch: today's summary as `figures()` says, and no orders yet. */
function fakeApi(figures: () => Parameters<typeof summary>[0]) {
  const calls: string[] = []
  vi.stubGlobal('fetch', vi.fn(async (input: string | URL | Request) => {
    const url = String(input)
    calls.push(url)
    const body = url.includes('/analytics/summary') ? summary(figures()) : { orders: [], nextCursor: null }
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
  }))
  return { summaries: () => calls.filter(url => url.includes('/analytics/summary')).length }
}

describe('counter page', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
    vi.setSystemTime(IN_RANGE)
    setActivePinia(createPinia())
    useSessionStore().store = { id: 'store-1', name: 'Demo', timeZone: 'UTC', currency: 'USD', createdAt: '' }
    useSessionStore().permissions = ['analytics:read_today', 'orders:read']
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('moves today\'s figures with the analytics page\'s logic, and refetches them on a gap in seqs', async () => {
    let figures: Parameters<typeof summary>[0] = {}
    const { summaries } = fakeApi(() => figures)
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: CounterPage }] })
    const page = mount(CounterPage, { global: { plugins: [router] } })
    await flushPromises()
    const revenue = () => page.get('[data-testid="counter-revenue"]').text()
    const orderCount = () => page.get('[data-testid="counter-orders"]').text()
    expect(summaries()).toBe(1)
    expect(revenue()).toBe('$100.00')
    expect(page.get('[data-testid="counter-revenue"]').element.previousElementSibling?.textContent).toBe('Collected today')

    // The live stream as the signed-in layout hands it on.
    const live = useLiveStore()
    const receive = (event: ReturnType<typeof streamEvent>) => live.dispatchEvent(event, 'store-1')
    receive(streamEvent('order_created', 11))
    receive(streamEvent('payment_received', 12, {}, { paidCents: 1250 }))
    await flushPromises()
    expect([revenue(), orderCount()]).toEqual(['$112.50', '5'])
    // Already counted: nothing moves.
    receive(streamEvent('payment_received', 12, {}, { paidCents: 1250 }))
    await flushPromises()
    expect(revenue()).toBe('$112.50')
    expect(summaries()).toBe(1)

    // Seqs 13 and 14 never arrived: the figures are refetched rather than moved.
    figures = { lastSeq: 15, orderCount: 8, revenueCents: 20_000 }
    receive(streamEvent('order_created', 15))
    await flushPromises()
    expect(summaries()).toBe(2)
    expect([revenue(), orderCount()]).toEqual(['$200.00', '8'])
    expect(page.get('[data-testid="counter-feed"]').text()).toContain('Walk-in')

    // A reset: what was missed cannot be replayed, so the figures are read again.
    figures = { lastSeq: 20, orderCount: 9, revenueCents: 30_000 }
    live.dispatchReset({ lastSeq: 20 }, 'store-1')
    await flushPromises()
    expect(summaries()).toBe(3)
    expect([revenue(), orderCount()]).toEqual(['$300.00', '9'])
    // Gone from the screen, the page no longer listens.
    page.unmount()
    live.dispatchReset({ lastSeq: 21 }, 'store-1')
    await flushPromises()
    expect(summaries()).toBe(3)
  })

  it('staff without today\'s figures get the feed and a plain explanation, and no request that can only be refused', async () => {
    useSessionStore().permissions = ['orders:read']
    const { summaries } = fakeApi(() => ({}))
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: CounterPage }] })
    const page = mount(CounterPage, { global: { plugins: [router] } })
    await flushPromises()
    expect(summaries()).toBe(0)
    expect(page.find('[data-testid="counter-revenue"]').exists()).toBe(false)
    expect(page.get('[data-testid="counter-notice"]').text()).toMatch(/Your role shows the latest orders, not today's money/)
    expect(page.text()).not.toMatch(/Retry|Could not load/)
    expect(page.get('[data-testid="counter-feed"]').text()).toContain('No orders yet today.')
    page.unmount()
  })
})
