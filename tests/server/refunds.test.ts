import type { Api } from '../helpers/api'
import { beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { expectApiError, lastSeqOf, UNKNOWN_ID } from './support/api'
import { eventsAfter } from './support/stream'
import { addMember, createKey } from './support/team'

const ORDER = { items: [{ name: 'Cake', quantity: 3, unitPriceCents: 400 }], customerName: 'Ada' }

describeWithServer('partial refunds', (ctx) => {
  let api: Api
  beforeAll(async () => {
    ;({ api } = await registerStore(ctx.server.url))
  })

  async function paidOrder(client: Api = api): Promise<any> {
    const created = await client.post('/orders', ORDER)
    expect(created.status).toBe(201)
    const paid = await client.patch(`/orders/${created.body.id}`, { status: 'paid' })
    expect(paid.body.status).toBe('paid')
    return paid.body
  }

  const summary = async (client: Api = api) => (await client.get('/analytics/summary?range=today')).body

  it('refunds part of a paid order: a refund row, the figures and one order_updated event; the last one marks it refunded', async () => {
    const order = await paidOrder()
    const before = await summary()
    const seq = await lastSeqOf(api)

    const first = await api.post(`/orders/${order.id}/refunds`, { amountCents: 300, reason: ' Cold coffee ' })
    expect(first.status).toBe(201)
    expect(first.body.refund).toMatchObject({ orderId: order.id, amountCents: 300, reason: 'Cold coffee', refundedBy: { type: 'user' } })
    expect(first.body.order).toMatchObject({ status: 'paid', paidCents: 1200, refundedCents: 300 })
    const middle = await summary()
    expect(middle.revenueCents).toBe(before.revenueCents - 300)
    expect(middle.refundedCents).toBe(before.refundedCents + 300)
    expect(middle.paidOrderCount).toBe(before.paidOrderCount)

    const last = await api.post(`/orders/${order.id}/refunds`, { amountCents: 900 })
    expect(last.status).toBe(201)
    expect(last.body.order).toMatchObject({ status: 'refunded', refundedCents: 1200, refundedBy: { type: 'user' } })
    expect(last.body.refund.reason).toBeNull()
    const after = await summary()
    expect(after.revenueCents).toBe(before.revenueCents - 1200)
    expect(after.refundedCents).toBe(before.refundedCents + 1200)
    expect(after.paidOrderCount).toBe(before.paidOrderCount - 1)

    const events = await eventsAfter(ctx.server, api, seq)
    expect(events.map(e => e.data)).toMatchObject([
      { type: 'order_updated', previousStatus: 'paid', refundedCents: 300, refund: { id: first.body.refund.id, amountCents: 300, reason: 'Cold coffee' }, order: { id: order.id, status: 'paid' } },
      { type: 'order_updated', previousStatus: 'paid', refundedCents: 900, refund: { id: last.body.refund.id, amountCents: 900, reason: null }, order: { id: order.id, status: 'refunded' } },
    ])

    const listed = await api.get(`/orders/${order.id}/refunds`)
    expect(listed.body.refunds.map((r: any) => r.amountCents)).toEqual([300, 900])
    expectApiError(await api.post(`/orders/${order.id}/refunds`, { amountCents: 1 }), 409, 'order_not_refundable')
  })

  it('a fulfilled order stays fulfilled after a partial refund', async () => {
    const order = await paidOrder()
    await api.patch(`/orders/${order.id}`, { status: 'fulfilled' })
    const refunded = await api.post(`/orders/${order.id}/refunds`, { amountCents: 1 })
    expect(refunded.body.order).toMatchObject({ status: 'fulfilled', refundedCents: 1 })
  })

  it('the full refund (PATCH status refunded) after a partial one gives back the rest, as one more refund', async () => {
    const order = await paidOrder()
    const before = await summary()
    await api.post(`/orders/${order.id}/refunds`, { amountCents: 200 })
    const full = await api.patch(`/orders/${order.id}`, { status: 'refunded' })
    expect(full.body).toMatchObject({ status: 'refunded', refundedCents: 1200 })
    expect((await api.get(`/orders/${order.id}/refunds`)).body.refunds.map((r: any) => r.amountCents)).toEqual([200, 1000])
    expect((await summary()).refundedCents).toBe(before.refundedCents + 1200)
  })

  it('cancelling a part-paid order records what it gives back as a refund', async () => {
    const created = (await api.post('/orders', ORDER)).body
    await api.post(`/orders/${created.id}/payments`, { amountCents: 500, method: 'cash' })
    const cancelled = await api.patch(`/orders/${created.id}`, { status: 'cancelled' })
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refundedCents: 500 })
    expect((await api.get(`/orders/${created.id}/refunds`)).body.refunds).toMatchObject([{ amountCents: 500 }])
  })

  it('refuses every bad amount and status with a clear 4xx, and changes nothing', async () => {
    const order = await paidOrder()
    await api.post(`/orders/${order.id}/refunds`, { amountCents: 300 })
    const pending = (await api.post('/orders', ORDER)).body
    const cancelled = (await api.post('/orders', ORDER)).body
    await api.patch(`/orders/${cancelled.id}`, { status: 'cancelled' })
    const seq = await lastSeqOf(api)
    const figures = await summary()
    const bodies: unknown[] = [{}, { amountCents: 0 }, { amountCents: -5 }, { amountCents: 1.5 }, { amountCents: '100' }, { amountCents: null }, { amountCents: 100, reason: 'x'.repeat(201) }, { amountCents: 100, method: 'card' }, { amountCents: 1e11 }]
    for (const body of bodies) expectApiError(await api.post(`/orders/${order.id}/refunds`, body), 400, 'validation_failed')
    expectApiError(await api.post(`/orders/${order.id}/refunds`, { amountCents: 100, reason: 'a\u0000b' }), 400, 'invalid_text')
    const over = await api.post(`/orders/${order.id}/refunds`, { amountCents: 901 })
    expectApiError(over, 422, 'amount_exceeds_refundable')
    expect(over.body.message).toBe('The refund is more than the $9.00 that can still be refunded.')
    expectApiError(await api.post(`/orders/${pending.id}/refunds`, { amountCents: 1 }), 409, 'order_not_refundable')
    expectApiError(await api.post(`/orders/${cancelled.id}/refunds`, { amountCents: 1 }), 409, 'order_not_refundable')
    expectApiError(await api.post(`/orders/${UNKNOWN_ID}/refunds`, { amountCents: 1 }), 404, 'order_not_found')
    expectApiError(await api.get(`/orders/${UNKNOWN_ID}/refunds`), 404, 'order_not_found')
    const { api: other } = await registerStore(ctx.server.url)
    expectApiError(await other.post(`/orders/${order.id}/refunds`, { amountCents: 1 }), 404, 'order_not_found')
    expectApiError(await other.get(`/orders/${order.id}/refunds`), 404, 'order_not_found')
    expect(await lastSeqOf(api)).toBe(seq)
    expect(await summary()).toEqual(figures)
    expect((await api.get(`/orders/${order.id}`)).body.refundedCents).toBe(300)
  })

  it('says amounts in the store\'s currency: over-refunds and overpayments', async () => {
    const { api: euro } = await registerStore(ctx.server.url, { currency: 'EUR' })
    const order = (await euro.post('/orders', ORDER)).body
    const overpaid = await euro.post(`/orders/${order.id}/payments`, { amountCents: 1300, method: 'card' })
    expectApiError(overpaid, 422, 'amount_exceeds_outstanding')
    expect(overpaid.body.message).toBe('The payment is more than the €12.00 still owed.')
    await euro.patch(`/orders/${order.id}`, { status: 'paid' })
    expect((await euro.post(`/orders/${order.id}/refunds`, { amountCents: 1201 })).body.message).toBe('The refund is more than the €12.00 that can still be refunded.')
    const { api: yen } = await registerStore(ctx.server.url, { currency: 'JPY' })
    const yenOrder = (await yen.post('/orders', { items: [{ name: 'Tea', quantity: 1, unitPriceCents: 400 }] })).body
    expect((await yen.post(`/orders/${yenOrder.id}/payments`, { amountCents: 401, method: 'cash' })).body.message).toBe('The payment is more than the ¥400 still owed.')
  })

  describe('who may refund', () => {
    it('a manager and an orders:write key may; staff get 403', async () => {
      const manager = await addMember(ctx.server, api, 'manager')
      const staff = await addMember(ctx.server, api, 'staff')
      const key = await createKey(ctx.server, api, ['orders:write'])
      const order = await paidOrder()
      expect((await manager.api.post(`/orders/${order.id}/refunds`, { amountCents: 100 })).status).toBe(201)
      expect((await key.api.post(`/orders/${order.id}/refunds`, { amountCents: 100 })).status).toBe(201)
      expectApiError(await staff.api.post(`/orders/${order.id}/refunds`, { amountCents: 100 }), 403, 'forbidden')
      expect((await staff.api.get(`/orders/${order.id}/refunds`)).body.refunds).toHaveLength(2)
    })
  })
})
