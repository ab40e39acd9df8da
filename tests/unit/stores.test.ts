// @vitest-environment happy-dom
import type { StreamEvent } from '~shared/types/api'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useAnalyticsStore } from '../../app/stores/analytics'
import { useLiveEvents, useLiveStore } from '../../app/stores/live'
import { useOrdersStore } from '../../app/stores/orders'
import { useSessionStore } from '../../app/stores/session'
import { TOAST_MS, useToastStore } from '../../app/stores/toasts'
import { streamEvent, summary, timeseries, topProducts } from './fixtures'
import '../helpers/i18n'

/** The server, faked at fetch: answers analytics requests and counts them. */
function fakeApi(lastSeq = () => 10) {
  const calls: string[] = []
  const fetchMock = vi.fn(async (input: string | URL | Request) => {
    const url = String(input)
    calls.push(url)
    const body = url.includes('/analytics/summary')
      ? summary({ lastSeq: lastSeq() })
      : url.includes('/analytics/timeseries')
        ? timeseries({ lastSeq: lastSeq() })
        : { ...topProducts(), lastSeq: lastSeq() }
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
  })
  vi.stubGlobal('fetch', fetchMock)
  return { calls }
}

async function settle() {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

describe('analytics store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
    useSessionStore().store = { id: 'store-1', name: 'Demo', timeZone: 'UTC', currency: 'USD', createdAt: '' }
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('updates the KPIs in place from event payloads without any request (the first events wait for the code that applies them, in order)', async () => {
    const { calls } = fakeApi()
    const analytics = useAnalyticsStore()
    await analytics.load('today')
    expect(calls).toHaveLength(3)
    analytics.handleEvent(streamEvent('order_created', 11))
    analytics.handleEvent(streamEvent('payment_received', 12, {}, { paidCents: 1250 }))
    await vi.dynamicImportSettled()
    await settle()
    expect(analytics.data!.summary).toMatchObject({ orderCount: 5, revenueCents: 11_250 })
    expect(analytics.changed.keys).toEqual(['revenue'])
    vi.advanceTimersByTime(5000)
    await settle()
    expect(calls).toHaveLength(3)
  })

  it('a burst of events that need a refetch causes at most one refetch per second', async () => {
    let seq = 10
    const { calls } = fakeApi(() => seq)
    const analytics = useAnalyticsStore()
    await analytics.load('today')
    calls.length = 0
    // Gaps: every one of these asks for a refetch.
    for (let i = 0; i < 10; i++) {
      seq += 2
      analytics.handleEvent(streamEvent('order_created', seq))
    }
    await settle()
    expect(calls).toHaveLength(3) // one refetch: summary, timeseries, top products
    for (let i = 0; i < 10; i++) {
      seq += 2
      analytics.handleEvent(streamEvent('order_created', seq))
    }
    await settle()
    expect(calls).toHaveLength(3)
    vi.advanceTimersByTime(1000)
    await settle()
    expect(calls).toHaveLength(6)
    vi.advanceTimersByTime(10_000)
    await settle()
    expect(calls).toHaveLength(6)
  })

  it('events that arrive while a load is in flight are applied on top of its answer', async () => {
    fakeApi(() => 10)
    const analytics = useAnalyticsStore()
    const loading = analytics.load('today')
    analytics.handleEvent(streamEvent('order_created', 10) as StreamEvent)
    analytics.handleEvent(streamEvent('order_created', 11))
    await loading
    expect(analytics.data!.summary.orderCount).toBe(5)
    expect(analytics.data!.summary.lastSeq).toBe(11)
  })

  it('an order with a product outside a full top five refetches top products alone; summary and chart take it in place', async () => {
    let seq = 10
    const full = ['Latte', 'Bagel', 'Mocha', 'Tea', 'Scone'].map((name, i) => ({ name, quantity: 10 - i, revenueCents: 5000 - i * 500 }))
    const calls: string[] = []
    vi.stubGlobal('fetch', vi.fn(async (input: string | URL | Request) => {
      const url = String(input)
      calls.push(new URL(url, 'http://pulse.test').pathname)
      const body = url.includes('/analytics/summary')
        ? summary({ lastSeq: seq })
        : url.includes('/analytics/timeseries')
          ? timeseries({ lastSeq: seq })
          // The server has counted the muffin by now: it ranks in the list.
          : { range: 'today', products: seq > 10 ? [...full.slice(0, 4), { name: 'Muffin', quantity: 40, revenueCents: 3200 }] : full, lastSeq: seq }
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
    }))
    const analytics = useAnalyticsStore()
    await analytics.load('today')
    await vi.dynamicImportSettled()
    calls.length = 0
    seq = 11
    const muffins = streamEvent('order_created', 11, { items: [{ name: 'Muffin', sku: null, quantity: 40, lineTotalCents: 3200 }], itemCount: 1, itemsTruncated: false }, { totalCents: 3200 })
    analytics.handleEvent(muffins)
    await vi.dynamicImportSettled()
    await settle()
    expect(calls).toEqual(['/api/v1/analytics/top-products'])
    expect(analytics.data!.summary).toMatchObject({ orderCount: 5, lastSeq: 11 })
    expect(analytics.data!.topProducts!.products.map(p => p.name)).toEqual(['Latte', 'Bagel', 'Mocha', 'Tea', 'Muffin'])
    expect(analytics.data!.topProductsStale).toBe(false)
    // The next event moves the new list in place: no request.
    analytics.handleEvent(streamEvent('order_created', 12))
    vi.advanceTimersByTime(5000)
    await settle()
    expect(calls).toEqual(['/api/v1/analytics/top-products'])
    expect(analytics.data!.topProducts!.products[0]).toEqual({ name: 'Latte', quantity: 11, revenueCents: 6250 })
  })

  it('offline with no copy: says so instead of showing zeros', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    }))
    const analytics = useAnalyticsStore()
    await analytics.load('7d')
    expect(analytics.state).toBe('error')
    expect(analytics.data).toBeNull()
  })
})

describe('toasts', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('shows a new order with its number and amount, and merges a burst and payments into one toast', () => {
    const toasts = useToastStore()
    const open = () => false
    toasts.fromEvent(streamEvent('order_created', 1, {}, { number: 1042, totalCents: 1250 }), open)
    expect(toasts.toasts.map(t => t.text)).toEqual(['New order #1042 · $12.50'])
    toasts.fromEvent(streamEvent('order_created', 2, {}, { totalCents: 500 }), open)
    toasts.fromEvent(streamEvent('order_created', 3, {}, { totalCents: 250 }), open)
    expect(toasts.toasts.map(t => t.text)).toEqual(['3 new orders · $20.00'])
    toasts.fromEvent(streamEvent('payment_received', 4, {}, { paidCents: 1250, number: 1042 }), open)
    expect(toasts.toasts.map(t => t.text)).toEqual(['3 new orders · $20.00, Payment for #1042 · $12.50'])
    vi.advanceTimersByTime(TOAST_MS)
    expect(toasts.toasts).toHaveLength(0)
    toasts.fromEvent(streamEvent('payment_received', 5, {}, { paidCents: 300, number: 7 }), open)
    expect(toasts.toasts.map(t => t.text)).toEqual(['Payment for #7 · $3.00'])
  })

  it('an order that came in paid shows as the order and its payment, in one toast', () => {
    const toasts = useToastStore()
    const payment = { id: 'payment-1', amountCents: 1250, method: 'card' as const }
    toasts.fromEvent(streamEvent('order_created', 1, { payment }, { number: 1042, totalCents: 1250, paidCents: 1250, status: 'paid' }), () => false)
    expect(toasts.toasts.map(t => t.text)).toEqual(['New order #1042 · $12.50, Payment for #1042 · $12.50'])
  })

  it('raises no live toast while a form or a dialog is open, and none over an error', () => {
    const toasts = useToastStore()
    toasts.fromEvent(streamEvent('order_created', 1), () => true)
    toasts.fromEvent(streamEvent('payment_received', 2), () => true)
    expect(toasts.toasts).toHaveLength(0)
    toasts.notify('Could not save', 'error')
    toasts.fromEvent(streamEvent('order_created', 3), () => false)
    expect(toasts.toasts.map(t => t.text)).toEqual(['Could not save'])
    vi.advanceTimersByTime(TOAST_MS * 2)
    // Its own order's event came while the form was still open: the answer still says "created".
    toasts.fromEvent(streamEvent('order_created', 4, {}, { id: 'mine-3', number: 1060 }), () => true)
    toasts.ownOrdersCreated([{ id: 'mine-3' }], 'Order #1060 created')
    expect(toasts.toasts.map(t => t.text)).toEqual(['Order #1060 created'])
  })

  it('status changes raise no toast; a tap dismisses', () => {
    const toasts = useToastStore()
    toasts.fromEvent(streamEvent('order_updated', 1, { previousStatus: 'pending' }, { status: 'paid' }), () => false)
    expect(toasts.toasts).toHaveLength(0)
    toasts.fromEvent(streamEvent('order_created', 2), () => false)
    toasts.dismiss(toasts.toasts[0].id)
    expect(toasts.toasts).toHaveLength(0)
  })

  it('an order this device created: one toast, whether its answer or its live event comes first', () => {
    const toasts = useToastStore()
    // The answer first: "created"; its live event then adds nothing, others' orders still show.
    const first = streamEvent('order_created', 1, {}, { id: 'mine-1', number: 1050 })
    toasts.ownOrdersCreated([{ id: 'mine-1' }], 'Order #1050 created')
    toasts.fromEvent(first, () => false)
    expect(toasts.toasts.map(t => t.text)).toEqual(['Order #1050 created'])
    // One toast at a time: the newest replaces it.
    toasts.fromEvent(streamEvent('order_created', 2, {}, { id: 'theirs', number: 1051, totalCents: 300 }), () => false)
    expect(toasts.toasts.map(t => t.text)).toEqual(['New order #1051 · $3.00'])
    vi.advanceTimersByTime(TOAST_MS * 2)
    // The live event first: its toast stands, the answer adds nothing.
    toasts.fromEvent(streamEvent('order_created', 3, {}, { id: 'mine-2', number: 1052, totalCents: 450 }), () => false)
    toasts.ownOrdersCreated([{ id: 'mine-2' }], 'Order #1052 created')
    expect(toasts.toasts.map(t => t.text)).toEqual(['New order #1052 · $4.50'])
  })
})

describe('session store: the start-up check', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    localStorage.clear()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  function fakeMe(status: number) {
    const fetchMock = vi.fn(async () => status === 200
      ? new Response(JSON.stringify({ user: { id: 'u1', email: 'a@b.c' }, store: { id: 'store-1', name: 'Demo', timeZone: 'UTC', currency: 'USD', createdAt: '' } }), { status })
      : new Response(JSON.stringify({ error: 'unauthorized', message: 'Sign in first.' }), { status }))
    vi.stubGlobal('fetch', fetchMock)
    return fetchMock
  }

  it('on a public page, a device where nobody signed in sends no request (no failing 401)', async () => {
    const fetchMock = fakeMe(401)
    expect(await useSessionStore().ensure({ publicPage: true })).toBe(false)
    expect(fetchMock).not.toHaveBeenCalled()
    // A page that needs a session still asks.
    expect(await useSessionStore().ensure()).toBe(false)
    expect(fetchMock).toHaveBeenCalledOnce()
  })

  it('a brand-new device asks once and takes 200 {user: null, store: null} as signed out (no 401 to log)', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ user: null, store: null }), { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)
    const session = useSessionStore()
    expect(await session.ensure()).toBe(false)
    expect(session.signedIn).toBe(false)
    expect(fetchMock).toHaveBeenCalledOnce()
    // Known signed out from now on: a public page asks nothing.
    setActivePinia(createPinia())
    expect(await useSessionStore().ensure({ publicPage: true })).toBe(false)
    expect(fetchMock).toHaveBeenCalledOnce()
    // The stream's check of a session that ended the same way: signed out.
    expect(await useSessionStore().revalidate()).toBe(false)
  })

  it('asks on a public page once someone signed in here, and forgets the hint when the session ends', async () => {
    const fetchMock = fakeMe(200)
    const session = useSessionStore()
    expect(await session.ensure()).toBe(true)
    setActivePinia(createPinia())
    expect(await useSessionStore().ensure({ publicPage: true })).toBe(true)
    expect(fetchMock).toHaveBeenCalledTimes(2)
    useSessionStore().expire()
    setActivePinia(createPinia())
    expect(await useSessionStore().ensure({ publicPage: true })).toBe(false)
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })
})

describe('the live store\'s listeners', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('the stores listen from their first use: orders once its list is loaded, only the signed-in store\'s events; sign-out empties them', async () => {
    const live = useLiveStore()
    const orders = useOrdersStore()
    const analytics = useAnalyticsStore()
    live.dispatchEvent(streamEvent('order_created', 1), 'store-1')
    expect(orders.orders).toHaveLength(0)
    orders.state = 'ready'
    live.dispatchEvent(streamEvent('order_created', 2), 'store-1')
    expect(orders.orders.map(order => order.id)).toEqual(['order-2'])
    // On a stream over every store, another store's sale is not this store's.
    live.dispatchEvent(streamEvent('order_created', 3, { storeId: 'store-2' }), 'store-1')
    expect(orders.orders.map(order => order.id)).toEqual(['order-2'])

    analytics.state = 'ready'
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })))
    await useSessionStore().signOut()
    expect([orders.orders.length, orders.state, analytics.state]).toEqual([0, 'idle', 'idle'])
  })

  it('a listener hears until its scope ends; one for every store hears them all and has the stream follow them all', () => {
    const live = useLiveStore()
    const mine: number[] = []
    const every: string[] = []
    const scope = effectScope()
    scope.run(() => {
      useLiveEvents({ onEvent: event => mine.push(event.seq), resumeFrom: () => 9 })
      useLiveEvents({ allStores: true, onEvent: event => every.push(`${event.storeId}:${event.seq}`), onReset: info => every.push(`reset ${info.storeId}`) })
    })
    expect(live.allStores).toBe(true)
    expect(live.resumeFrom()).toBe(9)
    live.dispatchEvent(streamEvent('order_created', 10), 'store-1')
    live.dispatchEvent(streamEvent('order_created', 4, { storeId: 'store-2' }), 'store-1')
    live.dispatchReset({ lastSeq: 4, storeId: 'store-2' }, 'store-1')
    expect(mine).toEqual([10])
    expect(every).toEqual(['store-1:10', 'store-2:4', 'reset store-2'])
    scope.stop()
    expect(live.allStores).toBe(false)
    live.dispatchEvent(streamEvent('order_created', 11), 'store-1')
    expect(mine).toEqual([10])
  })
})
