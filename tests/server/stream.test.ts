import { beforeAll, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { SseClient } from '../helpers/sse-client'
import { describeWithServer } from '../helpers/test-server'
import { waitUntil } from '../helpers/wait'
import { lastSeqOf, orderBody, readMetric } from './support/api'
import { connectStream, expectSeqs, streamUrl } from './support/stream'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describeWithServer('event stream', (ctx) => {
  let api: Api
  let storeId: string
  const tokens: string[] = []
  const connectionIds = new Set<string>()

  beforeAll(async () => {
    const registered = await registerStore(ctx.server.url)
    api = registered.api
    storeId = registered.auth.store.id
    tokens.push(api.token!)
  })

  async function open(token = api.token!, options: { lastEventId?: number } = {}) {
    const opened = await connectStream(ctx.server, token, options)
    connectionIds.add(opened.connected.connectionId)
    return opened
  }

  it('answers with the SSE headers, uncompressed, then retry: 5000 and connected', async () => {
    await api.post('/orders', orderBody())
    const response = await fetch(streamUrl(ctx.server), { headers: { 'authorization': `Bearer ${api.token}`, 'accept-encoding': 'gzip, deflate, br' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream\b/)
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform')
    expect(response.headers.get('x-accel-buffering')).toBe('no')
    expect(response.headers.get('content-encoding')).toBeNull()
    // The raw wire: the retry line comes first, then the connected event.
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let text = ''
    await waitUntil(async () => {
      text += (await reader.read()).value ?? ''
      return /event: connected\ndata: .*\n\n/.test(text)
    }, 'the connected event')
    await reader.cancel()
    expect(text.startsWith('retry: 5000\n\n')).toBe(true)
    const data = JSON.parse(/event: connected\ndata: (.*)\n/.exec(text)![1])
    // heartbeatMs: the client treats a stream silent for longer than it (plus a grace) as lost.
    expect(data).toEqual({ connectionId: expect.stringMatching(UUID), lastSeq: 1, heartbeatMs: 200 })
    connectionIds.add(data.connectionId)

    const { client, connected } = await open()
    expect(client.retry).toBe(5000)
    expect(client.headers.get('connection')).not.toBe('close')
    expect(client.messages[0].event).toBe('connected')
    expect(connected.lastSeq).toBe(await lastSeqOf(api))
    expect(connected.connectionId).not.toBe(data.connectionId)
    // A plain connect replays nothing: only what happens next.
    expect(client.events()).toEqual([])
    client.close()
  })

  it('pushes every event type with its payload after each API write', async () => {
    const { client, connected } = await open()
    const seq = connected.lastSeq
    const created = (await api.post('/orders', orderBody({ customerName: 'Grace' }))).body
    const partial = (await api.post(`/orders/${created.id}/payments`, { amountCents: 200, method: 'cash' })).body
    const rest = (await api.post(`/orders/${created.id}/payments`, { amountCents: created.totalCents - 200, method: 'card' })).body
    const fulfilled = (await api.patch(`/orders/${created.id}`, { status: 'fulfilled' })).body
    const refunded = (await api.patch(`/orders/${created.id}`, { status: 'refunded' })).body
    await client.waitForEvents(6)
    const events = client.events()
    expectSeqs(events, seq + 1, seq + 6)
    expect(events.map(e => e.event)).toEqual(['order_created', 'payment_received', 'payment_received', 'order_updated', 'order_updated', 'order_updated'])
    expect(events.every(e => e.data.type === e.event && e.data.storeId === storeId && !Number.isNaN(Date.parse(e.data.at)))).toBe(true)
    const streamOrder = (order: any) => ({ id: order.id, number: order.number, status: order.status, currency: order.currency, totalCents: order.totalCents, paidCents: order.paidCents, customerName: order.customerName, createdAt: order.createdAt })
    const actor = { type: 'user', id: created.createdBy.id, name: created.createdBy.name }
    const items = created.items.map((item: any) => ({ name: item.name, sku: item.sku, quantity: item.quantity, lineTotalCents: item.lineTotalCents }))
    expect(events[0].data).toEqual({ seq: seq + 1, type: 'order_created', storeId, at: created.createdAt, order: streamOrder(created), items, itemCount: 2, itemsTruncated: false, actor })
    expect(events[1].data).toEqual({ seq: seq + 2, type: 'payment_received', storeId, at: partial.payment.createdAt, order: streamOrder(partial.order), payment: { id: partial.payment.id, amountCents: 200, method: 'cash' }, actor })
    expect(events[2].data).toMatchObject({ payment: { id: rest.payment.id, amountCents: created.totalCents - 200, method: 'card' }, order: { status: 'pending', paidCents: created.totalCents } })
    expect(events[3].data).toMatchObject({ previousStatus: 'pending', order: streamOrder(rest.order) })
    expect(events[4].data).toMatchObject({ previousStatus: 'paid', order: streamOrder(fulfilled) })
    expect(events[5].data).toMatchObject({ previousStatus: 'fulfilled', refundedCents: created.totalCents, order: streamOrder(refunded) })
    expect(events[4].data).not.toHaveProperty('payment')
    client.close()
  })

  it('sends a heartbeat every PULSE_HEARTBEAT_MS', async () => {
    const { client } = await open()
    await client.waitFor(messages => messages.filter(m => m.event === 'heartbeat').length >= 4, 10_000, '4 heartbeats')
    const beats = client.messages.filter(m => m.event === 'heartbeat').map(m => JSON.parse(m.data))
    const times = beats.map(b => Date.parse(b.at))
    expect(times.every(t => !Number.isNaN(t))).toBe(true)
    // Timers never fire early: beats are at least about one interval apart (load can only widen that).
    for (let i = 1; i < times.length; i++)
      expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(150)
    expect(client.messages.filter(m => m.event === 'heartbeat').every(m => m.id === undefined)).toBe(true)
    client.close()
  })

  it('accepts the session cookie, and refuses no or bad credentials with 401', async () => {
    const byCookie = await SseClient.connect(streamUrl(ctx.server), { cookie: `pulse_session=${api.token}` })
    expect(byCookie.status).toBe(200)
    await byCookie.waitFor(m => m.some(x => x.event === 'connected'), 10_000, 'connected')
    connectionIds.add(JSON.parse(byCookie.messages[0].data).connectionId)
    byCookie.close()
    for (const options of [{}, { token: 'forged-token' }]) {
      const refused = await SseClient.connect(streamUrl(ctx.server), options)
      expect(refused.status).toBe(401)
      expect(refused.headers.get('content-type')).toMatch(/^application\/json/)
      expect(JSON.parse(refused.body)).toEqual({ error: 'unauthorized', message: expect.any(String) })
    }
    // Never a long-lived credential in the URL.
    const inUrl = await SseClient.connect(streamUrl(ctx.server, `?token=${api.token}&access_token=${api.token}`))
    expect(inUrl.status).toBe(401)
  })

  it('closes the streams of a session at logout, and only those', async () => {
    const { api: other, auth } = await registerStore(ctx.server.url)
    tokens.push(other.token!)
    const login = await other.post('/auth/login', { email: auth.user.email, password: 'correct horse' })
    tokens.push(login.body.token)
    const { client: first } = await open(other.token!)
    const { client: second } = await open(other.token!)
    const { client: survivor } = await open(login.body.token)
    expect((await other.post('/auth/logout')).status).toBe(204)
    await first.waitForEnd(10_000)
    await second.waitForEnd(10_000)
    expect(first.ended && second.ended).toBe(true)
    const again = await SseClient.connect(streamUrl(ctx.server), { token: other.token })
    expect(again.status).toBe(401)
    // The other session of the same store keeps streaming.
    const order = await new Api(ctx.server.url, login.body.token).post('/orders', orderBody())
    expect(order.status).toBe(201)
    await survivor.waitForEvents(1)
    expect(survivor.ended).toBe(false)
    survivor.close()
  })

  it('counts streams in the metrics and returns to zero when clients leave', async () => {
    const published = await readMetric(ctx.server, 'pulse_events_published_total{type="order_created"}')
    const delivered = await readMetric(ctx.server, 'pulse_events_delivered_total{type="order_created"}')
    const latencies = await readMetric(ctx.server, 'pulse_commit_to_write_ms_count')
    const clients = await Promise.all([open(), open(), open()])
    try {
      await waitUntil(async () => await readMetric(ctx.server, 'pulse_stream_open') === 3, 'three open streams')
      await api.post('/orders', orderBody())
      await Promise.all(clients.map(({ client }) => client.waitForEvents(1)))
      expect(await readMetric(ctx.server, 'pulse_events_published_total{type="order_created"}')).toBe(published + 1)
      expect(await readMetric(ctx.server, 'pulse_events_delivered_total{type="order_created"}')).toBe(delivered + 3)
      const count = await readMetric(ctx.server, 'pulse_commit_to_write_ms_count')
      expect(await readMetric(ctx.server, 'pulse_commit_to_write_ms_bucket{le="+Inf"}')).toBe(count)
      // On PostgreSQL the instance's own LISTEN/NOTIFY can deliver the event from the log before the local
      // publish, and then no commit time is observed (reported); on SQLite the local publish always delivers.
      if (ctx.backend === 'sqlite')
        expect(count).toBe(latencies + 1)
    }
    finally {
      for (const { client } of clients) client.close()
    }
    await waitUntil(async () => await readMetric(ctx.server, 'pulse_stream_open') === 0, 'pulse_stream_open back to 0')
    // Nothing is left attached: a write now reaches no stream.
    await api.post('/orders', orderBody())
    await waitUntil(async () => await readMetric(ctx.server, 'pulse_events_published_total{type="order_created"}') === published + 2, 'the write to be published')
    expect(await readMetric(ctx.server, 'pulse_events_delivered_total{type="order_created"}')).toBe(delivered + 3)
  })

  it('logs one open and one close line per stream, with the store and duration, never a token', async () => {
    await waitUntil(async () => await readMetric(ctx.server, 'pulse_stream_open') === 0, 'all streams closed')
    const log = ctx.server.output()
    for (const id of connectionIds) {
      const opens = log.split('\n').filter(line => line.includes('open') && line.includes(id))
      const closes = log.split('\n').filter(line => line.includes('close') && line.includes(id))
      expect(opens, `open lines of ${id}`).toHaveLength(1)
      expect(closes, `close lines of ${id}`).toHaveLength(1)
      expect(closes[0]).toMatch(/store=[0-9a-f-]{36}/)
      expect(closes[0]).toMatch(/duration=\d+(?:\.\d+)?s/)
    }
    expect(connectionIds.size).toBeGreaterThanOrEqual(10)
    expect(log).toContain(`store=${storeId}`)
    for (const token of tokens) expect(log).not.toContain(token)
  })
}, { env: { PULSE_HEARTBEAT_MS: '200' } })

describeWithServer('event stream of an expiring session', (ctx) => {
  it('closes the stream of a session that expires, within a heartbeat or so', async () => {
    const { auth } = await registerStore(ctx.server.url)
    const login = await new Api(ctx.server.url).post('/auth/login', { email: auth.user.email, password: 'correct horse' })
    const expiresAt = Date.now() + 6000
    const { client, connected } = await connectStream(ctx.server, login.body.token)
    await client.waitForEnd(20_000)
    expect(client.ended).toBe(true)
    // It ended because the session expired, not before.
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt - 1000)
    const closeLine = new RegExp(`close store=\\S+ conn=${connected.connectionId} duration=\\S+ reason=signed_out`)
    await waitUntil(() => closeLine.test(ctx.server.output()), 'the close line of the expired session')
    expect((await new Api(ctx.server.url, login.body.token).get('/auth/me')).status).toBe(401)
  })
}, { env: { PULSE_HEARTBEAT_MS: '200', PULSE_SESSION_TTL_MS: '6000' } })
