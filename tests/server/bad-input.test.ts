import { beforeAll, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { SseClient } from '../helpers/sse-client'
import { describeWithServer } from '../helpers/test-server'
import { allOrders, expectApiError, orderBody } from './support/api'
import { streamUrl } from './support/stream'

const item = (overrides: Record<string, unknown> = {}) => ({ name: 'Latte', quantity: 1, unitPriceCents: 450, ...overrides })

// Bodies the order schema must refuse with 400 validation_failed.
const BAD_ORDERS: Array<[string, unknown]> = [
  ['no items', { items: [] }],
  ['items missing', { customerName: 'Ada' }],
  ['items not an array', { items: 'latte' }],
  ['201 items', { items: Array.from({ length: 201 }, () => item()) }],
  ['negative price', { items: [item({ unitPriceCents: -1 })] }],
  ['fractional price', { items: [item({ unitPriceCents: 4.5 })] }],
  ['price as a string', { items: [item({ unitPriceCents: '450' })] }],
  ['absurd price', { items: [item({ unitPriceCents: 1e12 })] }],
  ['quantity 0', { items: [item({ quantity: 0 })] }],
  ['quantity 10001', { items: [item({ quantity: 10_001 })] }],
  ['negative quantity', { items: [item({ quantity: -2 })] }],
  ['fractional quantity', { items: [item({ quantity: 1.5 })] }],
  ['empty name', { items: [item({ name: '   ' })] }],
  ['name over 200', { items: [item({ name: 'n'.repeat(201) })] }],
  ['sku over 64', { items: [item({ sku: 's'.repeat(65) })] }],
  ['customerName over 200', { items: [item()], customerName: 'c'.repeat(201) }],
  ['note over 1000', { items: [item()], note: 'n'.repeat(1001) }],
  ['unknown field', { items: [item()], discount: 10 }],
  ['unknown item field', { items: [item({ color: 'red' })] }],
  ['status on create', { items: [item()], status: 'paid' }],
  ['array body', [item()]],
  ['null body', null],
  ['number body', 42],
]

describeWithServer('bad input', (ctx) => {
  let api: Api
  let order: any
  let snapshot: { summary: any, orders: any[] }

  beforeAll(async () => {
    ;({ api } = await registerStore(ctx.server.url))
    order = (await api.post('/orders', orderBody())).body
    snapshot = await takeSnapshot()
  })

  async function takeSnapshot() {
    return { summary: (await api.get('/analytics/summary')).body, orders: await allOrders(api) }
  }

  /** Every test here must leave the store exactly as it was. */
  async function expectUnchanged(): Promise<void> {
    expect(await takeSnapshot()).toEqual(snapshot)
  }

  it.each(BAD_ORDERS)('refuses an order with %s: 400 validation_failed', async (_name, body) => {
    const response = await api.post('/orders', JSON.stringify(body))
    expectApiError(response, 400, 'validation_failed')
    expect(response.body.message).toMatch(/^body/)
    await expectUnchanged()
  })

  it('accepts the limits themselves: 200 items, quantity 10000, price 0, strings at their maximum', async () => {
    const { api: other } = await registerStore(ctx.server.url)
    const response = await other.post('/orders', {
      items: [item({ quantity: 10_000, name: 'n'.repeat(200), sku: 's'.repeat(64) }), item({ unitPriceCents: 0 }), ...Array.from({ length: 198 }, () => item())],
      customerName: 'c'.repeat(200),
      note: 'n'.repeat(1000),
    })
    expect(response.status).toBe(201)
    expect(response.body.items).toHaveLength(200)
    expect(response.body.totalCents).toBe(10_000 * 450 + 198 * 450)
  })

  it('names the failing field in the message', async () => {
    const response = await api.post('/orders', { items: [item(), item({ quantity: 0 })] })
    expectApiError(response, 400, 'validation_failed')
    expect(response.body.message).toContain('items.1.quantity')
  })

  it('answers malformed JSON with 400 invalid_json', async () => {
    for (const text of ['{"items": [', '{items: []}', '', 'undefined', '{"items": []} trailing']) {
      expectApiError(await api.post('/orders', text), 400, 'invalid_json')
      expectApiError(await api.patch(`/orders/${order.id}`, text), 400, 'invalid_json')
      expectApiError(await api.post(`/orders/${order.id}/payments`, text), 400, 'invalid_json')
    }
    expectApiError(await new Api(ctx.server.url).post('/auth/login', '{"email":'), 400, 'invalid_json')
    await expectUnchanged()
  })

  it('answers a wrong or missing content type with 415', async () => {
    const body = JSON.stringify(orderBody())
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
      const response = await api.request('POST', '/orders', body, { 'content-type': type })
      expectApiError(response, 415, 'unsupported_media_type')
    }
    const blob = await fetch(`${ctx.server.url}/api/v1/orders`, { method: 'POST', headers: { authorization: `Bearer ${api.token}` }, body: new Blob([body]) })
    expect(blob.status).toBe(415)
    expectApiError(await api.request('PATCH', `/orders/${order.id}`, '{"status":"cancelled"}', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type')
    expectApiError(await api.request('POST', `/orders/${order.id}/payments`, '{"amountCents":1,"method":"card"}', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type')
    const charset = await api.request('POST', '/orders', body, { 'content-type': 'application/json; charset=utf-8' })
    expect(charset.status).toBe(201)
    snapshot = await takeSnapshot()
  })

  it('answers a body over 64 KiB with 413, declared or streamed', async () => {
    const big = JSON.stringify({ items: [item()], note: 'x'.repeat(70 * 1024) })
    expectApiError(await api.post('/orders', big), 413, 'payload_too_large')
    // No Content-Length: the server must count while reading.
    const chunks = [big.slice(0, 30_000), big.slice(30_000)]
    const streamed = await fetch(`${ctx.server.url}/api/v1/orders`, {
      method: 'POST',
      headers: { 'authorization': `Bearer ${api.token}`, 'content-type': 'application/json' },
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift()
          if (next === undefined)
            controller.close()
          else
            controller.enqueue(new TextEncoder().encode(next))
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(await streamed.json()).toEqual({ error: 'payload_too_large', message: expect.any(String) })
    expectApiError(await api.patch(`/orders/${order.id}`, JSON.stringify({ status: 'cancelled', pad: 'x'.repeat(70_000) })), 413, 'payload_too_large')
    // Just under the limit is read (and refused by the schema, not the size).
    const under = JSON.stringify({ items: [item()], note: 'x'.repeat(60 * 1024) })
    expectApiError(await api.post('/orders', under), 400, 'validation_failed')
    await expectUnchanged()
  })

  it('refuses bad status updates with 400', async () => {
    for (const body of [{ status: 'shipped' }, { status: 'PAID' }, { status: null }, {}, { status: 'cancelled', reason: 'x' }, { status: ['cancelled'] }])
      expectApiError(await api.patch(`/orders/${order.id}`, body), 400, 'validation_failed')
    await expectUnchanged()
  })

  it('refuses bad payments with 400', async () => {
    const bad = [
      { amountCents: 0, method: 'card' },
      { amountCents: -100, method: 'card' },
      { amountCents: 10.5, method: 'card' },
      { amountCents: '100', method: 'card' },
      { amountCents: 100, method: 'bitcoin' },
      { amountCents: 100 },
      { method: 'card' },
      { amountCents: 100, method: 'card', tip: 5 },
    ]
    for (const body of bad)
      expectApiError(await api.post(`/orders/${order.id}/payments`, body), 400, 'validation_failed')
    await expectUnchanged()
  })

  it('refuses bad analytics queries with 400', async () => {
    for (const path of ['/analytics/summary?range=1y', '/analytics/timeseries?range=yesterday', '/analytics/timeseries?bucket=minute', '/analytics/top-products?limit=0', '/analytics/top-products?limit=51', '/analytics/top-products?limit=x'])
      expectApiError(await api.get(path), 400, 'validation_failed')
  })

  it('refuses a Last-Event-ID that is not a seq with 400', async () => {
    for (const id of ['abc', '-1', '1.5', '1e3']) {
      const client = await SseClient.connect(streamUrl(ctx.server), { token: api.token, lastEventId: id })
      expect(client.status).toBe(400)
      expect(JSON.parse(client.body)).toEqual({ error: 'invalid_last_event_id', message: expect.any(String) })
    }
    const byQuery = await SseClient.connect(streamUrl(ctx.server, '?lastEventId=x'), { token: api.token })
    expect(byQuery.status).toBe(400)
  })

  it('survives all of it: the store still works', async () => {
    const created = await api.post('/orders', orderBody())
    expect(created.status).toBe(201)
    expect(created.body.number).toBe(snapshot.orders[0].number + 1)
  })
})
