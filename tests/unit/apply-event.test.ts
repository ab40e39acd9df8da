import { describe, expect, it } from 'vitest'
import { applyEvent, dataFromSnapshot, replayEvents } from '../../app/logic/apply-event'
import { IN_RANGE, streamEvent, summary, timeseries, TO, topProducts } from './fixtures'

const initial = () => dataFromSnapshot(summary(), timeseries(), topProducts())

describe('applyEvent: delta from the payload', () => {
  it('a new order today adds to orders, pending and the average, in place', () => {
    const result = applyEvent(initial(), streamEvent('order_created', 11, {}, { totalCents: 5000 }))
    expect(result.outcome).toBe('applied')
    expect(result.data.summary).toMatchObject({ orderCount: 5, pendingOrderCount: 2, averageOrderValueCents: 3000, revenueCents: 10_000, lastSeq: 11 })
    expect(result.changed).toEqual(['orders', 'aov', 'pending'])
    // The chart counts it in its hour; top products cannot know the items: marked stale, not refetched.
    const hour = result.data.timeseries!.points.find(p => p.t === '2026-11-26T15:00:00.000Z')!
    expect(hour.orderCount).toBe(1)
    expect(result.data.topProductsStale).toBe(true)
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

  it('a cancelled paid order leaves the order count and gives its money back', () => {
    const data = initial()
    const result = applyEvent(data, streamEvent('order_updated', 11, { previousStatus: 'paid', refundedCents: 2500 }, { status: 'cancelled', totalCents: 2500, paidCents: 2500 }))
    expect(result.outcome).toBe('applied')
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

  it('refetches when a status change does not say where it came from', () => {
    expect(applyEvent(initial(), streamEvent('order_updated', 11, {}, { status: 'paid' })).outcome).toBe('refetch')
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
