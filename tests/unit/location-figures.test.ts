// @vitest-environment happy-dom
import type { LocationFigures, Locations } from '~shared/types/api'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useLocationFigures } from '../../app/composables/useLocationFigures'
import { useLiveStore } from '../../app/stores/live'
import { FROM, IN_RANGE, streamEvent, TO } from './fixtures'

function row(storeId: string, name: string, orderCount: number, lastSeq: number): LocationFigures {
  return { storeId, name, currency: 'USD', timeZone: 'UTC', from: FROM, to: TO, revenueCents: orderCount * 1000, orderCount, orderTotalCents: orderCount * 1000, averageOrderValueCents: 1000, pendingOrderCount: 0, lastSeq }
}

/** The server, faked at fetch: the locations as `rows()` says, each read counted. */
function fakeApi(rows: () => LocationFigures[]) {
  let reads = 0
  vi.stubGlobal('fetch', vi.fn(async () => {
    reads++
    const body: Locations = { range: 'today', stores: rows(), totals: [] }
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
  }))
  return { reads: () => reads }
}

describe('all locations, live', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    vi.setSystemTime(IN_RANGE)
    setActivePinia(createPinia())
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('hears every store while in use; a store\'s reset reads that row again and leaves the others as events moved them', async () => {
    let server = [row('store-1', 'Harbour', 2, 10), row('store-2', 'Stall', 1, 30)]
    const { reads } = fakeApi(() => server)
    const live = useLiveStore()
    const scope = effectScope()
    const figures = scope.run(() => useLocationFigures())!
    expect(live.allStores).toBe(true)
    await figures.load('today')
    expect(reads()).toBe(1)

    live.dispatchEvent(streamEvent('order_created', 11, { storeId: 'store-1' }), 'store-1')
    live.dispatchEvent(streamEvent('order_created', 31, { storeId: 'store-2' }), 'store-1')
    const orders = () => Object.fromEntries(figures.data.value!.stores.map(store => [store.name, store.orderCount]))
    expect(orders()).toEqual({ Harbour: 3, Stall: 2 })
    expect(reads()).toBe(1)

    // The server has since counted more everywhere; only the stall's row is read again.
    server = [row('store-1', 'Harbour', 9, 20), row('store-2', 'Stall', 7, 40)]
    live.dispatchReset({ storeId: 'store-2', lastSeq: 40 }, 'store-1')
    await flushPromises()
    expect(reads()).toBe(2)
    expect(orders()).toEqual({ Harbour: 3, Stall: 7 })

    scope.stop()
    expect(live.allStores).toBe(false)
  })
})
