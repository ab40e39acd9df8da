import type { LocationFigures } from '~shared/types/api'
import { describe, expect, it } from 'vitest'
import { applyToLocations, arrangeLocations, replayOnLocations } from '../../app/logic/location-rows'
import { FROM, streamEvent, TO } from './fixtures'

function row(overrides: Partial<LocationFigures>): LocationFigures {
  return { storeId: 'store-1', name: 'Harbour', currency: 'USD', timeZone: 'UTC', from: FROM, to: TO, revenueCents: 0, orderCount: 0, orderTotalCents: 0, averageOrderValueCents: 0, pendingOrderCount: 0, lastSeq: 10, ...overrides }
}

function locations() {
  return arrangeLocations('today', [
    row({ storeId: 'store-1', name: 'Harbour', revenueCents: 5000, orderCount: 2, orderTotalCents: 5000, averageOrderValueCents: 2500 }),
    row({ storeId: 'store-2', name: 'Stall', currency: 'EUR', revenueCents: 4000, orderCount: 1, orderTotalCents: 4000, averageOrderValueCents: 4000, lastSeq: 30 }),
    row({ storeId: 'store-3', name: 'Kiosk', revenueCents: 1000, orderCount: 1, orderTotalCents: 1000, averageOrderValueCents: 1000, lastSeq: 3 }),
  ])
}

describe('all locations moved by live events', () => {
  it('a sale moves its store\'s row as its summary, re-sorts the rows and moves only its currency\'s total', () => {
    const start = locations()
    expect(start.totals).toEqual([{ currency: 'EUR', revenueCents: 4000, orderCount: 1 }, { currency: 'USD', revenueCents: 6000, orderCount: 3 }])
    let { locations: next, reread } = applyToLocations(start, streamEvent('order_created', 31, { storeId: 'store-2' }, { totalCents: 2000, currency: 'EUR' }))
    ;({ locations: next, reread } = applyToLocations(next, streamEvent('payment_received', 32, { storeId: 'store-2', payment: { id: 'p', amountCents: 2000, method: 'card' } }, { currency: 'EUR' })))
    expect(reread).toEqual([])
    expect(next.stores.map(store => store.name)).toEqual(['Stall', 'Harbour', 'Kiosk'])
    expect(next.stores[0]).toMatchObject({ revenueCents: 6000, orderCount: 2, orderTotalCents: 6000, averageOrderValueCents: 3000, pendingOrderCount: 1, lastSeq: 32 })
    expect(next.totals).toEqual([{ currency: 'EUR', revenueCents: 6000, orderCount: 2 }, { currency: 'USD', revenueCents: 6000, orderCount: 3 }])
    // The original is left as it was.
    expect(start.stores[0].name).toBe('Harbour')
  })

  it('an event already counted changes nothing; a gap in a store\'s seqs asks for that row again; another store\'s event is ignored', () => {
    const start = locations()
    expect(applyToLocations(start, streamEvent('order_created', 30, { storeId: 'store-2' })).locations).toBe(start)
    expect(applyToLocations(start, streamEvent('order_created', 35, { storeId: 'store-2' }))).toEqual({ locations: start, reread: ['store-2'] })
    expect(applyToLocations(start, streamEvent('order_created', 1, { storeId: 'store-9' }))).toEqual({ locations: start, reread: [] })
  })

  it('replays what arrived during a read on the rows it brought, each store in its own seq order', () => {
    const { locations: next, reread } = replayOnLocations(locations(), [
      streamEvent('order_created', 12, { storeId: 'store-1' }),
      streamEvent('order_created', 11, { storeId: 'store-1' }),
      streamEvent('order_created', 4, { storeId: 'store-3' }),
      streamEvent('order_created', 9, { storeId: 'store-3' }),
    ])
    expect(next.stores.find(store => store.storeId === 'store-1')).toMatchObject({ orderCount: 4, lastSeq: 12 })
    expect(next.stores.find(store => store.storeId === 'store-3')).toMatchObject({ orderCount: 2, lastSeq: 4 })
    expect(reread).toEqual(['store-3'])
  })
})
