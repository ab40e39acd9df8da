import type { StreamEventOf, StreamItem, TopProduct } from '~shared/types/api'
import { describe, expect, it } from 'vitest'
import { applyEvent, dataFromSnapshot, replayEvents, TOP_PRODUCTS_LIMIT } from '../../app/logic/apply-event'
import { IN_RANGE, streamEvent, summary, timeseries, TO, topProducts } from './fixtures'

const initial = () => dataFromSnapshot(summary(), timeseries(), topProducts())

describe('applyEvent: delta from the payload', () => {
  it('a new order today adds to orders, pending and the average, in place', () => {
    const result = applyEvent(initial(), streamEvent('order_created', 11, {}, { totalCents: 5000 }))
    expect(result.outcome).toBe('applied')
    expect(result.data.summary).toMatchObject({ orderCount: 5, pendingOrderCount: 2, averageOrderValueCents: 3000, revenueCents: 10_000, lastSeq: 11 })
    expect(result.changed).toEqual(['orders', 'aov', 'pending'])
    // The chart counts it in its hour; top products add its line.
    const hour = result.data.timeseries!.points.find(p => p.t === '2026-11-26T15:00:00.000Z')!
    expect(hour.orderCount).toBe(1)
    expect(result.data.topProducts!.products).toEqual([{ name: 'Latte', quantity: 4, revenueCents: 6350 }])
    expect(result.data.topProducts!.lastSeq).toBe(11)
  })

  it('a payment adds to revenue; the order becoming paid moves it from pending to paid', () => {
    let data = initial()
    data = applyEvent(data, streamEvent('order_created', 11)).data
    const payment = applyEvent(data, streamEvent('payment_received', 12, {}, { paidCents: 1250 }))
    expect(payment.outcome).toBe('applied')
    expect(payment.data.summary.revenueCents).toBe(11_250)
    expect(payment.changed).toEqual(['revenue'])
    const paid = applyEvent(payment.data, streamEvent('order_updated', 13, { previousStatus: 'pending' }, { status: 'paid', paidCents: 1250 }))
    expect(paid.data.summary).toMatchObject({ pendingOrderCount: 1, paidOrderCount: 4, orderCount: 5, revenueCents: 11_250 })
    expect(paid.data.timeseries!.points.find(p => p.t === '2026-11-26T15:00:00.000Z')!.revenueCents).toBe(1250)
  })

  it('an order that comes in paid counts as a paid order and adds its payment, from one event', () => {
    const payment = { id: 'payment-11', amountCents: 5000, method: 'card' as const }
    const result = applyEvent(initial(), streamEvent('order_created', 11, { payment }, { status: 'paid', totalCents: 5000, paidCents: 5000 }))
    expect(result.outcome).toBe('applied')
    expect(result.data.summary).toMatchObject({ orderCount: 5, pendingOrderCount: 1, paidOrderCount: 4, revenueCents: 15_000, lastSeq: 11 })
    expect(result.changed).toEqual(expect.arrayContaining(['revenue', 'orders']))
    const hour = result.data.timeseries!.points.find(p => p.t === '2026-11-26T15:00:00.000Z')!
    expect(hour).toMatchObject({ orderCount: 1, revenueCents: 5000 })
  })

  it('a cancelled paid order leaves the order count and gives its money back', () => {
    const data = initial()
    const items = [{ name: 'Latte', sku: null, quantity: 1, lineTotalCents: 450 }]
    const result = applyEvent(data, streamEvent('order_updated', 11, { previousStatus: 'paid', refundedCents: 2500, items, itemCount: 1, itemsTruncated: false }, { status: 'cancelled', totalCents: 2500, paidCents: 2500 }))
    expect(result.outcome).toBe('applied')
    expect(result.data.topProducts!.products).toEqual([{ name: 'Latte', quantity: 2, revenueCents: 900 }])
    expect(result.data.summary).toMatchObject({ orderCount: 3, paidOrderCount: 2, cancelledOrderCount: 1, revenueCents: 7500, refundedCents: 2500, averageOrderValueCents: 2500 })
  })

  it('a refund of an order from before the range still lowers revenue but no order counts', () => {
    const result = applyEvent(initial(), streamEvent('order_updated', 11, { previousStatus: 'paid', refundedCents: 900 }, { status: 'refunded', createdAt: '2026-11-20T12:00:00.000Z' }))
    expect(result.data.summary).toMatchObject({ revenueCents: 9100, paidOrderCount: 3, orderCount: 4 })
  })

  it('does not mutate its input', () => {
    const data = initial()
    const frozen = JSON.stringify(data)
    applyEvent(data, streamEvent('order_created', 11))
    expect(JSON.stringify(data)).toBe(frozen)
  })
})

describe('applyEvent: when to refetch instead', () => {
  it('ignores events already in the figures', () => {
    const result = applyEvent(initial(), streamEvent('order_created', 10))
    expect(result.outcome).toBe('ignored')
    expect(result.data.summary.orderCount).toBe(4)
  })

  it('refetches after a gap in seqs (missed events)', () => {
    expect(applyEvent(initial(), streamEvent('order_created', 12)).outcome).toBe('refetch')
  })

  it('refetches when the day has rolled over past the range', () => {
    expect(applyEvent(initial(), streamEvent('order_created', 11, { at: TO }, { createdAt: TO })).outcome).toBe('refetch')
  })
})

const line = (name: string, quantity: number, lineTotalCents: number): StreamItem => ({ name, sku: null, quantity, lineTotalCents })
const product = (name: string, quantity: number, revenueCents: number): TopProduct => ({ name, quantity, revenueCents })
/** A full list (TOP_PRODUCTS_LIMIT products): others may have sold less, unseen. */
const FULL = [product('Latte', 10, 5000), product('Bagel', 8, 2400), product('Mocha', 4, 2000), product('Tea', 6, 1800), product('Scone', 3, 900)]
function withProducts(products: TopProduct[]) {
  return dataFromSnapshot(summary(), timeseries(), { range: 'today', products, lastSeq: 10 })
}
function created(seq: number, items: StreamItem[], extra: Partial<StreamEventOf<'order_created'>> = {}) {
  const totalCents = items.reduce((sum, item) => sum + item.lineTotalCents, 0)
  return streamEvent('order_created', seq, { items, itemCount: items.length, itemsTruncated: false, ...extra }, { totalCents })
}
function cancelled(seq: number, items: StreamItem[]) {
  return streamEvent('order_updated', seq, { previousStatus: 'pending', items, itemCount: items.length, itemsTruncated: false }, { status: 'cancelled', totalCents: items.reduce((sum, item) => sum + item.lineTotalCents, 0) })
}

describe('applyEvent: top products, exact or refetched', () => {
  it('the page asks for as many products as the full list holds', () => {
    expect(FULL).toHaveLength(TOP_PRODUCTS_LIMIT)
  })

  it('a new order adds its lines (the same product twice counts once) and re-ranks the list', () => {
    const result = applyEvent(withProducts(FULL), created(11, [line('Scone', 2, 600), line('Scone', 5, 1500), line('Bagel', 1, 300)]))
    expect(result.outcome).toBe('applied')
    expect(result.data.topProducts!.products).toEqual([product('Latte', 10, 5000), product('Bagel', 9, 2700), product('Scone', 10, 3000), product('Mocha', 4, 2000), product('Tea', 6, 1800)].sort((a, b) => b.revenueCents - a.revenueCents))
  })

  it('a product not shown joins a list that is not full (it had sold nothing)', () => {
    const result = applyEvent(withProducts([product('Latte', 3, 1350)]), created(11, [line('Bagel', 2, 2000)]))
    expect(result.data.topProducts!.products).toEqual([product('Bagel', 2, 2000), product('Latte', 3, 1350)])
  })

  it('ties rank by quantity, then by name, as the server does', () => {
    const result = applyEvent(withProducts([product('Mocha', 2, 1000)]), created(11, [line('Bagel', 2, 1000), line('Apple', 4, 1000)]))
    expect(result.data.topProducts!.products.map(p => p.name)).toEqual(['Apple', 'Bagel', 'Mocha'])
  })

  it('a product not shown on a full list: its total is unknown, so top products alone are refetched', () => {
    const before = withProducts(FULL)
    const result = applyEvent(before, created(11, [line('Muffin', 1, 100)]))
    // The summary and the chart are certain: they take the order.
    expect(result.outcome).toBe('applied')
    expect(result.refetchTopProducts).toBe(true)
    expect(result.data.summary).toMatchObject({ orderCount: before.summary.orderCount + 1, lastSeq: 11 })
    expect(result.data.timeseries!.lastSeq).toBe(11)
    expect(result.data.topProductsStale).toBe(true)
    expect(result.data.topProducts).toEqual(before.topProducts)
    // Later events pass the stale list by (no gap, no whole refetch), and ask nothing more.
    const next = applyEvent(result.data, created(12, [line('Latte', 1, 500)]))
    expect(next.outcome).toBe('applied')
    expect(next.refetchTopProducts).toBe(false)
    expect(next.data.summary.lastSeq).toBe(12)
    expect(next.data.topProducts).toEqual(before.topProducts)
    // The list refetched alone (at seq 11) takes the events after it, as a whole snapshot would.
    const fresh = { ...result.data, topProducts: { range: 'today' as const, products: FULL, lastSeq: 11 }, topProductsStale: false }
    const replayed = replayEvents(fresh, [created(12, [line('Latte', 1, 500)])])
    expect(replayed.needsRefetch).toBe(false)
    expect(replayed.data.topProducts!.products[0]).toEqual(product('Latte', 11, 5500))
  })

  it('a cancel takes its lines back and drops a product with nothing left (a complete list)', () => {
    const result = applyEvent(withProducts([product('Latte', 3, 1350), product('Bagel', 1, 300)]), cancelled(11, [line('Bagel', 1, 300), line('Latte', 1, 450)]))
    expect(result.outcome).toBe('applied')
    expect(result.data.topProducts!.products).toEqual([product('Latte', 2, 900)])
  })

  it('a cancel on a full list: exact while the product stays above the old last one, else refetch', () => {
    const stays = applyEvent(withProducts(FULL), cancelled(11, [line('Latte', 2, 1000)]))
    expect(stays.outcome).toBe('applied')
    expect(stays.data.topProducts!.products[0]).toEqual(product('Latte', 8, 4000))
    // Scone may now trail a product not shown (with up to $9.00).
    expect(applyEvent(withProducts(FULL), cancelled(11, [line('Mocha', 4, 2000)])).refetchTopProducts).toBe(true)
    expect(applyEvent(withProducts(FULL), cancelled(11, [line('Scone', 1, 300)])).refetchTopProducts).toBe(true)
  })

  it('a cancel of a product not shown on a full list changes nothing shown', () => {
    const result = applyEvent(withProducts(FULL), cancelled(11, [line('Muffin', 1, 100)]))
    expect(result.data.topProducts!.products).toEqual(FULL)
    expect(result.data.topProducts!.lastSeq).toBe(11)
  })

  it('refunds and payments leave top products (refunded orders stay in)', () => {
    const refund = applyEvent(withProducts(FULL), streamEvent('order_updated', 11, { previousStatus: 'paid', refundedCents: 900 }, { status: 'refunded' }))
    expect(refund.outcome).toBe('applied')
    expect(refund.data.topProducts!.products).toEqual(FULL)
  })

  it('an order from before the range leaves them too', () => {
    const old = cancelled(11, [line('Latte', 10, 5000)])
    const result = applyEvent(withProducts(FULL), { ...old, order: { ...old.order, createdAt: '2026-11-20T12:00:00.000Z' } })
    expect(result.data.topProducts!.products).toEqual(FULL)
  })

  it('refetches top products when the event does not carry every line (over 50, or an older event without lines)', () => {
    const many = Array.from({ length: 50 }, (_, i) => line(`Item ${i}`, 1, 100))
    expect(applyEvent(withProducts([]), created(11, many, { itemCount: 51, itemsTruncated: true })).refetchTopProducts).toBe(true)
    expect(applyEvent(withProducts([]), created(11, many)).refetchTopProducts).toBe(false)
    expect(applyEvent(withProducts([]), created(11, [], { items: undefined, itemCount: undefined, itemsTruncated: undefined })).refetchTopProducts).toBe(true)
  })

  it('follows its own lastSeq: a list loaded after the summary skips what it already counts', () => {
    const data = dataFromSnapshot(summary(), timeseries(), { range: 'today', products: [product('Latte', 3, 1350)], lastSeq: 11 })
    const result = applyEvent(data, created(11, [line('Latte', 1, 450)]))
    expect(result.data.summary.orderCount).toBe(5)
    expect(result.data.topProducts!.products).toEqual([product('Latte', 3, 1350)])
    expect(applyEvent(result.data, created(12, [line('Latte', 1, 450)])).data.topProducts!.products).toEqual([product('Latte', 4, 1800)])
  })
})

describe('replayEvents (after a refetch)', () => {
  it('applies only the events newer than the fresh figures, in seq order', () => {
    const fresh = dataFromSnapshot(summary({ lastSeq: 11 }), timeseries({ lastSeq: 11 }), topProducts())
    const events = [streamEvent('order_created', 12, { at: IN_RANGE }), streamEvent('order_created', 11), streamEvent('order_created', 13)]
    const { data, needsRefetch } = replayEvents(fresh, events)
    expect(needsRefetch).toBe(false)
    expect(data.summary.orderCount).toBe(6)
    expect(data.summary.lastSeq).toBe(13)
  })
})
