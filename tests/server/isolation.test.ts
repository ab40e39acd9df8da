import type { Api } from '../helpers/api'
import { beforeAll, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { allOrders, expectApiError, lastSeqOf, orderBody } from './support/api'
import { connectStream } from './support/stream'

describeWithServer('isolation between stores', (ctx) => {
  let a: Api
  let b: Api
  let storeA: string
  let storeB: string
  let orderOfB: any
  let paidOfB: any

  beforeAll(async () => {
    const first = await registerStore(ctx.server.url)
    const second = await registerStore(ctx.server.url)
    ;({ api: a } = first)
    ;({ api: b } = second)
    storeA = first.auth.store.id
    storeB = second.auth.store.id
    expect((await a.post('/orders', { items: [{ name: 'A-only', quantity: 1, unitPriceCents: 111 }] })).status).toBe(201)
    orderOfB = (await b.post('/orders', { items: [{ name: 'B-secret', quantity: 3, unitPriceCents: 1000 }], customerName: 'B customer' })).body
    paidOfB = (await b.post('/orders', { items: [{ name: 'B-secret', quantity: 1, unitPriceCents: 500 }] })).body
    paidOfB = (await b.patch(`/orders/${paidOfB.id}`, { status: 'paid' })).body
  })

  async function stateOfB() {
    return {
      orders: await allOrders(b),
      summary: (await b.get('/analytics/summary')).body,
      top: (await b.get('/analytics/top-products')).body,
    }
  }

  it('answers 404 (never 403) for another store\'s order on every order route, and changes nothing', async () => {
    const before = await stateOfB()
    const seqA = await lastSeqOf(a)
    expectApiError(await a.get(`/orders/${orderOfB.id}`), 404, 'order_not_found')
    for (const status of ['paid', 'cancelled'])
      expectApiError(await a.patch(`/orders/${orderOfB.id}`, { status }), 404, 'order_not_found')
    expectApiError(await a.patch(`/orders/${paidOfB.id}`, { status: 'refunded' }), 404, 'order_not_found')
    expectApiError(await a.post(`/orders/${orderOfB.id}/payments`, { amountCents: 100, method: 'card' }), 404, 'order_not_found')
    // A's own unknown id and B's id answer the same, so ids leak nothing.
    const foreign = await a.get(`/orders/${orderOfB.id}`)
    const unknown = await a.get('/orders/00000000-0000-4000-8000-000000000001')
    expect(foreign.body).toEqual(unknown.body)
    expect(await stateOfB()).toEqual(before)
    expect(await lastSeqOf(a)).toBe(seqA)
  })

  it('lists and counts only the store\'s own orders', async () => {
    const ordersA = await allOrders(a)
    expect(ordersA.map(o => o.items[0].name)).toEqual(['A-only'])
    for (const status of ['pending', 'paid'])
      expect((await a.get(`/orders?status=${status}`)).body.orders.every((o: any) => o.items[0].name === 'A-only')).toBe(true)
    // A cursor taken from B's numbers does not open B's orders.
    expect((await a.get('/orders?cursor=999999')).body.orders.map((o: any) => o.id)).toEqual(ordersA.map(o => o.id))
  })

  it('computes analytics from the store\'s own data only', async () => {
    const summaryA = (await a.get('/analytics/summary')).body
    expect(summaryA).toMatchObject({ orderCount: 1, averageOrderValueCents: 111, revenueCents: 0, pendingOrderCount: 1, paidOrderCount: 0, lastSeq: 1 })
    const summaryB = (await b.get('/analytics/summary')).body
    expect(summaryB).toMatchObject({ orderCount: 2, revenueCents: 500, pendingOrderCount: 1, paidOrderCount: 1 })
    expect((await a.get('/analytics/top-products')).body.products).toEqual([{ name: 'A-only', quantity: 1, revenueCents: 111 }])
    const series = (await a.get('/analytics/timeseries')).body
    expect(series.points.reduce((sum: number, p: any) => sum + p.orderCount, 0)).toBe(1)
    expect(series.points.reduce((sum: number, p: any) => sum + p.revenueCents, 0)).toBe(0)
    expect(series.lastSeq).toBe(summaryA.lastSeq)
  })

  it('never sends one store\'s events to another store\'s stream, live or replayed', async () => {
    const { client: streamA, connected } = await connectStream(ctx.server, a.token!)
    const { client: streamB } = await connectStream(ctx.server, b.token!)
    expect(connected.lastSeq).toBe(await lastSeqOf(a))
    const seqB = await lastSeqOf(b)
    await b.post('/orders', orderBody({ customerName: 'B live' }))
    await b.post(`/orders/${orderOfB.id}/payments`, { amountCents: 100, method: 'cash' })
    await streamB.waitForEvents(2)
    await a.post('/orders', orderBody({ customerName: 'A live' }))
    await streamA.waitForEvents(1)
    await b.post('/orders', orderBody({ customerName: 'B after' }))
    await streamB.waitForEvents(3)
    await a.post('/orders', orderBody({ customerName: 'A after' }))
    await streamA.waitForEvents(2)
    expect(streamA.events().map(e => e.data.order.customerName)).toEqual(['A live', 'A after'])
    expect(streamA.events().every(e => e.data.storeId === storeA)).toBe(true)
    expect(streamB.events().map(e => e.data.seq)).toEqual([seqB + 1, seqB + 2, seqB + 3])
    expect(streamB.events().every(e => e.data.storeId === storeB)).toBe(true)
    streamA.close()
    streamB.close()

    // A replay from 0 holds A's log only, whatever seq numbers B has.
    const { client: replay } = await connectStream(ctx.server, a.token!, { lastEventId: 0 })
    const lastA = await lastSeqOf(a)
    await replay.waitForEvents(lastA)
    expect(replay.events().map(e => e.data.seq)).toEqual(Array.from({ length: lastA }, (_, i) => i + 1))
    expect(replay.events().every(e => e.data.storeId === storeA && e.data.order.customerName !== 'B live')).toBe(true)
    replay.close()
  })

  it('ignores a store id sent by the client', async () => {
    const asB = await a.request('GET', `/orders?storeId=${storeB}`, undefined, { 'x-store-id': storeB })
    expect(asB.body.orders.every((o: any) => o.items[0].name !== 'B-secret')).toBe(true)
    const created = await a.post('/orders', { ...orderBody(), storeId: storeB })
    expectApiError(created, 400, 'validation_failed')
  })
})
