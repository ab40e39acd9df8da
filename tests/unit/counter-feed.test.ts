import { describe, expect, it } from 'vitest'
import { feedEvent } from '../../app/logic/counter-feed'
import { streamEvent } from './fixtures'

describe('counter feed', () => {
  it('a new order joins at the top (once, fresh), keeps at most `size`, and chimes', () => {
    const first = streamEvent('order_created', 11)
    let update = feedEvent([], first, 2)
    expect(update.chime).toBe('order')
    expect(update.feed).toEqual([{ ...first.order, fresh: true }])
    update = feedEvent(update.feed, first, 2)
    expect(update.feed).toHaveLength(1)
    const second = streamEvent('order_created', 12)
    const third = streamEvent('order_created', 13)
    update = feedEvent(feedEvent(update.feed, second, 2).feed, third, 2)
    expect(update.feed.map(order => order.id)).toEqual([third.order.id, second.order.id])
  })

  it('a payment updates the order where it is shown and chimes; other changes are silent', () => {
    const created = streamEvent('order_created', 11)
    const { feed } = feedEvent([], created, 8)
    const paid = feedEvent(feed, streamEvent('payment_received', 12, {}, { id: created.order.id, status: 'paid', paidCents: 1250 }), 8)
    expect(paid.chime).toBe('payment')
    expect(paid.feed[0]).toMatchObject({ id: created.order.id, status: 'paid', paidCents: 1250, fresh: true })
    const fulfilled = feedEvent(paid.feed, streamEvent('order_updated', 13, { previousStatus: 'paid' }, { id: created.order.id, status: 'fulfilled' }), 8)
    expect(fulfilled.chime).toBeNull()
    expect(fulfilled.feed[0].status).toBe('fulfilled')
    const elsewhere = feedEvent(fulfilled.feed, streamEvent('order_updated', 14, { previousStatus: 'pending' }, { id: 'not-shown', status: 'cancelled' }), 8)
    expect(elsewhere.feed).toEqual(fulfilled.feed)
  })
})
