import type { Api } from '../helpers/api'
import type { TestServer } from '../helpers/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { BACKENDS } from '../helpers/databases'
import { startServer } from '../helpers/server'
import { SseClient } from '../helpers/sse-client'
import { expectApiError, lastSeqOf, orderBody, UNKNOWN_ID } from './support/api'

describe.each(BACKENDS)('gET /orders/:id/payments on %s', (backend) => {
  let server: TestServer
  let api: Api
  beforeAll(async () => {
    server = await startServer({ backend })
    ;({ api } = await registerStore(server.url))
  })
  afterAll(async () => {
    await server?.dispose()
  })

  it('lists an order\'s payments oldest first, with the rest recorded by Mark paid', async () => {
    const order = (await api.post('/orders', orderBody())).body
    expect((await api.get(`/orders/${order.id}/payments`)).body).toEqual({ payments: [] })
    expect((await api.post(`/orders/${order.id}/payments`, { amountCents: 300, method: 'cash' })).status).toBe(201)
    expect((await api.patch(`/orders/${order.id}`, { status: 'paid' })).status).toBe(200)
    const list = await api.get(`/orders/${order.id}/payments`)
    expect(list.status).toBe(200)
    expect(list.body.payments.map((p: any) => [p.amountCents, p.method])).toEqual([[300, 'cash'], [900, 'other']])
    for (const payment of list.body.payments) {
      expect(payment.orderId).toBe(order.id)
      expect(Date.parse(payment.createdAt)).not.toBeNaN()
    }
  })

  it('makes a sale posted with paidWith paid in one step: one payment of its total, counted, one order_created that carries it', async () => {
    const { api: till } = await registerStore(server.url)
    const seq = await lastSeqOf(till)
    const created = await till.post('/orders', orderBody({ paidWith: 'cash' }))
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ status: 'paid', totalCents: 1200, paidCents: 1200 })
    const payments = (await till.get(`/orders/${created.body.id}/payments`)).body.payments
    expect(payments.map((p: any) => [p.amountCents, p.method])).toEqual([[1200, 'cash']])
    const summary = (await till.get('/analytics/summary?range=today')).body
    expect(summary).toMatchObject({ orderCount: 1, revenueCents: 1200, paidOrderCount: 1, pendingOrderCount: 0, lastSeq: seq + 1 })
    const stream = await SseClient.connect(`${server.url}/api/v1/events/stream`, { token: till.token, lastEventId: seq })
    try {
      await stream.waitForEvents(1)
      const [event] = stream.events()
      expect(event.data).toMatchObject({ type: 'order_created', order: { id: created.body.id, status: 'paid', paidCents: 1200 }, payment: { id: payments[0].id, amountCents: 1200, method: 'cash' } })
    }
    finally {
      stream.close()
    }
  })

  it('refuses a paidWith that is not a method with 400, and creates nothing', async () => {
    const { api: till } = await registerStore(server.url)
    for (const paidWith of ['bitcoin', '', 7, null])
      expectApiError(await till.post('/orders', orderBody({ paidWith })), 400, 'validation_failed')
    expect(await lastSeqOf(till)).toBe(0)
  })

  it('is a 404 for an unknown order and for another store\'s order, and a 401 without a session', async () => {
    expectApiError(await api.get(`/orders/${UNKNOWN_ID}/payments`), 404, 'order_not_found')
    const other = (await registerStore(server.url)).api
    const theirs = (await other.post('/orders', orderBody())).body
    expectApiError(await api.get(`/orders/${theirs.id}/payments`), 404, 'order_not_found')
    const anonymous = await fetch(`${server.url}/api/v1/orders/${theirs.id}/payments`)
    expect(anonymous.status).toBe(401)
  })
})
