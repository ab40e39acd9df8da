import type { Api } from '../helpers/api'
import { expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { SseClient } from '../helpers/sse-client'
import { describeWithServer } from '../helpers/test-server'
import { waitUntil } from '../helpers/wait'
import { lastSeqOf, readMetric } from './support/api'
import { startStalledClient } from './support/stalled-client'
import { connectStream, expectSeqs, streamUrl } from './support/stream'

const METRICS_TOKEN = 'metrics-secret-for-tests'
// A customer name at its 200-character limit, 3 bytes each in UTF-8: large events fill buffers sooner.
const LONG_NAME = '顧客'.repeat(100)

describeWithServer('stream limits', (ctx) => {
  const metric = (name: string) => readMetric(ctx.server, name, METRICS_TOKEN)

  it('guards the metrics with PULSE_METRICS_TOKEN', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: METRICS_TOKEN }] as Array<Record<string, string>>) {
      const response = await fetch(`${ctx.server.url}/api/v1/metrics`, { headers })
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({ error: 'unauthorized', message: expect.any(String) })
    }
    const response = await fetch(`${ctx.server.url}/api/v1/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    const text = await response.text()
    for (const name of ['pulse_stream_open', 'pulse_events_published_total', 'pulse_events_delivered_total', 'pulse_stream_dropped_slow_total', 'pulse_events_replayed_total', 'pulse_commit_to_write_ms'])
      expect(text).toContain(`# TYPE ${name} `)
  })

  it('refuses a stream over PULSE_STREAM_MAX_PER_STORE with 429 and Retry-After, per store', async () => {
    const { api: a } = await registerStore(ctx.server.url)
    const { api: b } = await registerStore(ctx.server.url)
    const rejected = await metric('pulse_stream_rejected_total')
    const first = await connectStream(ctx.server, a.token!)
    const second = await connectStream(ctx.server, a.token!)
    const third = await SseClient.connect(streamUrl(ctx.server), { token: a.token })
    expect(third.status).toBe(429)
    expect(JSON.parse(third.body)).toEqual({ error: 'too_many_streams', message: expect.any(String) })
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await metric('pulse_stream_rejected_total')).toBe(rejected + 1)
    // Another store has its own allowance.
    const other = await connectStream(ctx.server, b.token!)
    expect(await metric('pulse_stream_open')).toBe(3)
    // A closed stream frees its place.
    first.client.close()
    const again = await waitUntil(async () => {
      const attempt = await SseClient.connect(streamUrl(ctx.server), { token: a.token })
      return attempt.status === 200 ? attempt : undefined
    }, 'a free place after a close')
    await again.waitFor(m => m.some(x => x.event === 'connected'), 10_000, 'connected')
    for (const client of [second.client, other.client, again]) client.close()
    await waitUntil(async () => await metric('pulse_stream_open') === 0, 'pulse_stream_open back to 0')
  })

  /** Orders whose listing is megabytes: the stalled client asks for it before its stream. */
  async function createFiller(api: Api): Promise<void> {
    const items = Array.from({ length: 200 }, (_, i) => ({ name: `${i} ${'f'.repeat(190)}`, quantity: 1, unitPriceCents: 1 }))
    for (let i = 0; i < 30; i++) expect((await api.post('/orders', { items })).status).toBe(201)
  }

  it.each([
    ['live', undefined],
    ['in its replay', 0],
  ] as const)('drops a client that stops reading (%s), without delaying or losing events for the others', async (_when, lastEventId) => {
    const { api } = await registerStore(ctx.server.url)
    await createFiller(api)
    // To stall in its replay, the client must have more to replay than its buffers hold.
    if (lastEventId !== undefined)
      await writeBatch(api, 40)
    const dropped = await metric('pulse_stream_dropped_slow_total')
    const { client: reader, connected } = await connectStream(ctx.server, api.token!)
    const streamPath = `/api/v1/events/stream${lastEventId === undefined ? '' : `?lastEventId=${lastEventId}`}`
    const stalled = await startStalledClient(ctx.server.port, api.token!, { streamPath, fillerPath: '/api/v1/orders?limit=100', fillerCount: 5 })
    try {
      await waitUntil(async () => await metric('pulse_stream_open') === 2, 'both streams open')
      // Writes until the stalled client is dropped: live, when its buffer overflows; in its replay, when the
      // replay has waited on the socket too long (live events held meanwhile are let go, not counted). Paced,
      // so that the log the last check replays stays a few thousand events.
      await waitUntil(async () => await metric('pulse_stream_dropped_slow_total') !== dropped || void await writeBatch(api, 8), 'the stalled client to be dropped', 120_000, 200)
      expect(await metric('pulse_stream_dropped_slow_total')).toBe(dropped + 1)
      await waitUntil(async () => await metric('pulse_stream_open') === 1, 'the stalled stream to be closed')
      // A few more writes after the drop; the reading client got every event, in order.
      await writeBatch(api, 4)
      const last = await lastSeqOf(api)
      await reader.waitForEvents(last - connected.lastSeq, 30_000)
      expectSeqs(reader.events(), connected.lastSeq + 1, last)
      expect(reader.ended).toBe(false)
      expect(ctx.server.output()).toMatch(/close store=\S+ conn=\S+ duration=\S+ reason=slow/)
      reader.close()
      await waitUntil(async () => await metric('pulse_stream_open') === 0, 'pulse_stream_open back to 0')

      // A reading client that replays the whole log, many pages and far more than the buffer bound, is not dropped.
      const { client: replay } = await connectStream(ctx.server, api.token!, { lastEventId: 0 })
      await replay.waitForEvents(last, 60_000)
      expectSeqs(replay.events(), 1, last)
      expect(await metric('pulse_stream_dropped_slow_total')).toBe(dropped + 1)
      replay.close()
    }
    finally {
      stalled.kill('SIGKILL')
    }
  }, 180_000)
}, { env: { PULSE_STREAM_MAX_PER_STORE: '2', PULSE_STREAM_MAX_BUFFER: '16384', PULSE_METRICS_TOKEN: METRICS_TOKEN } })

/** Creates `size` orders in parallel and pays half of them by status: three large events per two writes. */
async function writeBatch(api: Api, size: number): Promise<void> {
  await Promise.all(Array.from({ length: size }, async (_, i) => {
    const created = await api.post('/orders', { items: [{ name: 'Tea', quantity: 1, unitPriceCents: 300 }], customerName: LONG_NAME })
    expect(created.status).toBe(201)
    if (i % 2 === 0)
      expect((await api.patch(`/orders/${created.body.id}`, { status: 'paid' })).status).toBe(200)
  }))
}
