import { expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { allOrders, lastSeqOf, orderBody } from './support/api'
import { connectStream, eventsAfter, expectSeqs } from './support/stream'

describeWithServer('event log', (ctx) => {
  it('keeps a gapless, ordered seq per store under concurrent writers to two stores', async () => {
    const { api: a, auth: authA } = await registerStore(ctx.server.url)
    const { api: b, auth: authB } = await registerStore(ctx.server.url)
    const seed = (await b.post('/orders', orderBody())).body
    const { client: liveA } = await connectStream(ctx.server, a.token!)
    const { client: liveB } = await connectStream(ctx.server, b.token!)

    const writesA = Array.from({ length: 50 }, (_, i) => a.post('/orders', orderBody({ customerName: `A${i}` })))
    const writesB = [
      ...Array.from({ length: 20 }, (_, i) => b.post('/orders', orderBody({ customerName: `B${i}` }))),
      ...Array.from({ length: 5 }, () => b.post(`/orders/${seed.id}/payments`, { amountCents: 100, method: 'card' })),
    ]
    const results = await Promise.all([...writesA, ...writesB])
    expect(results.map(r => r.status).every(s => s === 201)).toBe(true)

    const ordersA = await allOrders(a)
    expect(ordersA.map(o => o.number).sort()).toEqual(Array.from({ length: 50 }, (_, i) => 1001 + i))
    expect(await lastSeqOf(a)).toBe(50)
    const lastB = await lastSeqOf(b)
    expect(lastB).toBe(1 + 20 + 5)

    // The replay from 0 is the whole log: seqs 1..N, in order, each once, one order_created per order.
    const replayA = await eventsAfter(ctx.server, a, 0)
    expectSeqs(replayA, 1, 50)
    expect(replayA.every(e => e.event === 'order_created' && e.data.storeId === authA.store.id)).toBe(true)
    expect(new Set(replayA.map(e => e.data.order.id))).toEqual(new Set(ordersA.map(o => o.id)))
    // Order numbers follow seq: both are taken under the same store lock.
    expect(replayA.map(e => e.data.order.number)).toEqual(Array.from({ length: 50 }, (_, i) => 1001 + i))
    const replayB = await eventsAfter(ctx.server, b, 0)
    expectSeqs(replayB, 1, lastB)
    expect(replayB.every(e => e.data.storeId === authB.store.id)).toBe(true)
    expect(replayB.filter(e => e.event === 'payment_received')).toHaveLength(5)
    // The payments saw each other: paidCents grows by 100 with each one, in seq order.
    expect(replayB.filter(e => e.event === 'payment_received').map(e => e.data.order.paidCents)).toEqual([100, 200, 300, 400, 500])

    // Live clients got the same sequence, in order, as the writes committed.
    await liveA.waitForEvents(50, 15_000)
    await liveB.waitForEvents(lastB - 1, 15_000)
    expectSeqs(liveA.events(), 1, 50)
    expectSeqs(liveB.events(), 2, lastB)
    liveA.close()
    liveB.close()

    // The durable log agrees with what was streamed.
    const rows = await ctx.db.all<{ seq: number | string, type: string, payload: string }>('select seq, type, payload from events where store_id = ? order by seq', [authA.store.id])
    expect(rows.map(r => Number(r.seq))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    expect(rows.map(r => JSON.parse(r.payload))).toEqual(replayA.map(e => e.data))
  })

  it('uses no seq for a write that fails, and pushes nothing for it', async () => {
    const { api } = await registerStore(ctx.server.url)
    const order = (await api.post('/orders', orderBody())).body
    const { client } = await connectStream(ctx.server, api.token!)
    expect(client.events()).toEqual([])
    const refused = await Promise.all([
      api.post(`/orders/${order.id}/payments`, { amountCents: order.totalCents + 1, method: 'card' }),
      api.patch(`/orders/${order.id}`, { status: 'fulfilled' }),
      api.post('/orders', orderBody(), { 'idempotency-key': 'k' }),
    ])
    expect(refused.map(r => r.status)).toEqual([422, 409, 201])
    expect((await api.post('/orders', orderBody({ customerName: 'x' }), { 'idempotency-key': 'k' })).status).toBe(409)
    const payment = await api.post(`/orders/${order.id}/payments`, { amountCents: 1, method: 'cash' })
    expect(payment.status).toBe(201)
    await client.waitForEvents(2)
    expectSeqs(client.events(), 2, 3)
    expect(client.events().map(e => e.event)).toEqual(['order_created', 'payment_received'])
    expect(await lastSeqOf(api)).toBe(3)
    client.close()
  })
}, { db: true })
