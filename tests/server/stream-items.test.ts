import type { Api } from '../helpers/api'
import { beforeAll, expect, it } from 'vitest'
import { STREAM_ITEMS_MAX } from '~shared/domain'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { orderBody } from './support/api'
import { connectStream } from './support/stream'

/** The lines of an order as the stream carries them (docs/api.md: the first 50, in order). */
function streamLines(order: any) {
  return order.items.slice(0, STREAM_ITEMS_MAX).map((item: any) => ({ name: item.name, sku: item.sku, quantity: item.quantity, lineTotalCents: item.lineTotalCents }))
}

describeWithServer('event stream: order lines', (ctx) => {
  let api: Api

  beforeAll(async () => {
    api = (await registerStore(ctx.server.url)).api
  })

  it('order_created carries the lines (name, sku, quantity, line total) and their count', async () => {
    const { client } = await connectStream(ctx.server, api.token!)
    const created = (await api.post('/orders', orderBody())).body
    await client.waitForEvents(1)
    const [event] = client.events()
    client.close()
    expect(event.event).toBe('order_created')
    expect(event.data.items).toEqual([
      { name: 'Latte', sku: 'LAT-1', quantity: 2, lineTotalCents: 900 },
      { name: 'Bagel', sku: null, quantity: 1, lineTotalCents: 300 },
    ])
    expect(event.data.items).toEqual(streamLines(created))
    expect(event.data).toMatchObject({ itemCount: 2, itemsTruncated: false })
  })

  it('a large order: the first 50 lines in order, itemCount and itemsTruncated; the order itself keeps all', async () => {
    const { client } = await connectStream(ctx.server, api.token!)
    const items = Array.from({ length: 200 }, (_, i) => ({ name: `${i} `.padEnd(200, 'x'), sku: `S${i}`.padEnd(64, '0'), quantity: i + 1, unitPriceCents: 100 + i }))
    const created = (await api.post('/orders', { items })).body
    expect(created.items).toHaveLength(200)
    // Exactly at the bound nothing is left out.
    const atBound = (await api.post('/orders', { items: items.slice(0, STREAM_ITEMS_MAX) })).body
    await client.waitForEvents(2)
    const [big, exact] = client.events()
    client.close()
    expect(big.data.items).toHaveLength(STREAM_ITEMS_MAX)
    expect(big.data.items).toEqual(streamLines(created))
    expect(big.data).toMatchObject({ itemCount: 200, itemsTruncated: true })
    // The bound keeps the frame small whatever the order: 50 lines of the longest names and skus.
    expect(JSON.stringify(big.data).length).toBeLessThan(20_000)
    expect(exact.data.items).toEqual(streamLines(atBound))
    expect(exact.data).toMatchObject({ itemCount: STREAM_ITEMS_MAX, itemsTruncated: false })
  })

  it('order_updated to cancelled carries the lines top products take back; other changes carry none', async () => {
    const first = (await api.post('/orders', orderBody())).body
    const second = (await api.post('/orders', orderBody())).body
    const { client } = await connectStream(ctx.server, api.token!)
    await api.patch(`/orders/${first.id}`, { status: 'cancelled' })
    await api.patch(`/orders/${second.id}`, { status: 'paid' })
    await client.waitForEvents(3)
    const [cancelled, payment, paid] = client.events()
    client.close()
    expect(cancelled.data).toMatchObject({ type: 'order_updated', previousStatus: 'pending', order: { status: 'cancelled' }, items: streamLines(first), itemCount: 2, itemsTruncated: false })
    expect(payment.event).toBe('payment_received')
    expect(paid.data.previousStatus).toBe('pending')
    expect(paid.data.items).toBeUndefined()
  })

  it('replays the lines from the log to a stream that resumes', async () => {
    const { client, connected } = await connectStream(ctx.server, api.token!)
    client.close()
    const created = (await api.post('/orders', orderBody({ customerName: 'Resumed' }))).body
    const resumed = await connectStream(ctx.server, api.token!, { lastEventId: connected.lastSeq })
    await resumed.client.waitForEvents(1)
    const [event] = resumed.client.events()
    resumed.client.close()
    expect(event.data).toMatchObject({ order: { id: created.id }, items: streamLines(created), itemCount: 2 })
  })
})
