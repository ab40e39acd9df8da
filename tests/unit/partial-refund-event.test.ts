import { describe, expect, it } from 'vitest'
import { applyEvent, dataFromSnapshot } from '../../app/logic/apply-event'
import { IN_RANGE, streamEvent, summary, timeseries, topProducts } from './fixtures'

// Issue 23: a partial refund is an order_updated whose status does not change, with `refundedCents` and
// `refund`; the last one also moves the order to refunded. The figures move from the payload alone.
describe('applyEvent: partial refunds', () => {
  const initial = () => dataFromSnapshot(summary(), timeseries(), topProducts())
  const hour = (data: ReturnType<typeof initial>) => data.timeseries!.points.find(p => p.t === '2026-11-26T15:00:00.000Z')!

  it('a partial refund lowers collected and raises refunds, in its hour, with no status moved and no refetch', () => {
    const refund = { id: 'r1', amountCents: 300, reason: 'Cold' }
    const result = applyEvent(initial(), streamEvent('order_updated', 11, { previousStatus: 'paid', refundedCents: 300, refund }, { status: 'paid', paidCents: 1250 }))
    expect(result.outcome).toBe('applied')
    expect(result.changed).toEqual(['revenue'])
    expect(result.data.summary).toMatchObject({ revenueCents: 9700, refundedCents: 300, paidOrderCount: 3, orderCount: 4, lastSeq: 11 })
    expect(hour(result.data).revenueCents).toBe(-300)
    expect(result.data.topProducts!.products).toEqual(topProducts().products)
  })

  it('the last refund also moves the order from paid to refunded, as one event', () => {
    const first = applyEvent(initial(), streamEvent('order_updated', 11, { previousStatus: 'fulfilled', refundedCents: 300, refund: { id: 'r1', amountCents: 300, reason: null } }, { status: 'fulfilled', paidCents: 1250 }))
    const last = applyEvent(first.data, streamEvent('order_updated', 12, { previousStatus: 'fulfilled', refundedCents: 950, refund: { id: 'r2', amountCents: 950, reason: null } }, { status: 'refunded', paidCents: 1250, createdAt: IN_RANGE }))
    expect(last.outcome).toBe('applied')
    expect(last.data.summary).toMatchObject({ revenueCents: 8750, refundedCents: 1250, paidOrderCount: 2, orderCount: 4 })
  })
})
