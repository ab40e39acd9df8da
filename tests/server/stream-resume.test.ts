import type { Api } from '../helpers/api'
import { expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { waitUntil } from '../helpers/wait'
import { lastSeqOf, orderBody, readMetric } from './support/api'
import { connectStream, expectSeqs } from './support/stream'

/** Keeps writing orders (two writers) until stopped; returns how many were acknowledged. */
function keepWriting(api: Api): { stop: () => Promise<number> } {
  const state = { running: true, written: 0 }
  const writer = async () => {
    while (state.running) {
      const response = await api.post('/orders', orderBody())
      expect(response.status).toBe(201)
      state.written++
    }
  }
  const writers = [writer(), writer()]
  return {
    async stop() {
      state.running = false
      await Promise.all(writers)
      return state.written
    },
  }
}

describeWithServer('stream resume', (ctx) => {
  it.each(['header', 'query'] as const)('replays everything after the id given by %s, in order, then live events', async (how) => {
    const { api } = await registerStore(ctx.server.url)
    for (let i = 0; i < 12; i++) await api.post('/orders', orderBody({ customerName: `R${i}` }))
    const replayed = await readMetric(ctx.server, 'pulse_events_replayed_total')
    const { client, connected } = await connectStream(ctx.server, api.token!, how === 'header' ? { lastEventId: 4 } : { query: '?lastEventId=4' })
    expect(connected.lastSeq).toBe(12)
    await client.waitForEvents(8)
    expectSeqs(client.events(), 5, 12)
    expect(client.events().map(e => e.data.order.customerName)).toEqual(['R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11'])
    // connected comes before the replay.
    expect(client.messages[0].event).toBe('connected')
    await api.post('/orders', orderBody({ customerName: 'live' }))
    await client.waitForEvents(9)
    expectSeqs(client.events(), 5, 13)
    expect(await readMetric(ctx.server, 'pulse_events_replayed_total')).toBe(replayed + 8)
    client.close()
  })

  it('prefers Last-Event-ID (a reconnect) over the query parameter (a first connect)', async () => {
    const { api } = await registerStore(ctx.server.url)
    for (let i = 0; i < 5; i++) await api.post('/orders', orderBody())
    const { client } = await connectStream(ctx.server, api.token!, { lastEventId: 3, query: '?lastEventId=1' })
    await client.waitForEvents(2)
    expectSeqs(client.events(), 4, 5)
    client.close()
  })

  it('replays nothing when the client is up to date', async () => {
    const { api } = await registerStore(ctx.server.url)
    for (let i = 0; i < 3; i++) await api.post('/orders', orderBody())
    const { client } = await connectStream(ctx.server, api.token!, { lastEventId: 3 })
    await api.post('/orders', orderBody())
    await client.waitForEvents(1)
    expectSeqs(client.events(), 4, 4)
    expect(client.messages.some(m => m.event === 'reset')).toBe(false)
    client.close()
  })

  it('loses and repeats nothing across reconnects while orders are being written', async () => {
    const { api } = await registerStore(ctx.server.url)
    for (let i = 0; i < 20; i++) await api.post('/orders', orderBody())
    const writing = keepWriting(api)
    const seen: Array<{ id?: string, data: any }> = []
    let lastId = 0
    // Like EventSource: each connection resumes from the last id the previous one received.
    for (let round = 0; round < 6; round++) {
      const { client } = await connectStream(ctx.server, api.token!, round % 2 === 0 ? { lastEventId: lastId } : { query: `?lastEventId=${lastId}` })
      await client.waitFor(() => client.events().length >= 5, 15_000, '5 events')
      client.close()
      const events = client.events()
      seen.push(...events)
      lastId = Number(events[events.length - 1].id)
    }
    const written = await writing.stop()
    const last = await lastSeqOf(api)
    expect(last).toBe(20 + written)
    const { client } = await connectStream(ctx.server, api.token!, { lastEventId: lastId })
    await client.waitForEvents(last - lastId, 15_000)
    seen.push(...client.events())
    client.close()
    expectSeqs(seen, 1, last)
  })

  it('sends reset with the newest seq when the id is ahead of the log (a reset database)', async () => {
    const { api } = await registerStore(ctx.server.url)
    for (let i = 0; i < 3; i++) await api.post('/orders', orderBody())
    const resets = await readMetric(ctx.server, 'pulse_stream_resets_total')
    const { client } = await connectStream(ctx.server, api.token!, { lastEventId: 999 })
    await client.waitFor(m => m.some(x => x.event === 'reset'), 10_000, 'reset')
    expect(JSON.parse(client.messages.find(m => m.event === 'reset')!.data)).toEqual({ lastSeq: 3 })
    expect(client.events()).toEqual([])
    // After a reset the stream goes on live from the newest seq.
    await api.post('/orders', orderBody())
    await client.waitForEvents(1)
    expectSeqs(client.events(), 4, 4)
    expect(await readMetric(ctx.server, 'pulse_stream_resets_total')).toBe(resets + 1)
    client.close()
  })
})

const RETENTION_MS = 2000

describeWithServer('stream resume past the retention', (ctx) => {
  it('sends reset for an id older than the log keeps, and replays from the oldest kept event', async () => {
    const { api, auth } = await registerStore(ctx.server.url)
    const old = []
    for (let i = 0; i < 3; i++) old.push((await api.post('/orders', orderBody())).body)
    // Let the first events age past the retention, then restart: pruning runs at start.
    const agedAt = Date.parse(old[2].createdAt) + RETENTION_MS + 50
    await new Promise(resolve => setTimeout(resolve, Math.max(0, agedAt - Date.now())))
    await ctx.server.stop('SIGTERM')
    await ctx.server.restart()
    await waitUntil(async () => (await ctx.db.all('select seq from events where store_id = ?', [auth.store.id])).length === 0, 'the old events to be pruned')
    for (let i = 0; i < 2; i++) await api.post('/orders', orderBody({ customerName: `new${i}` }))

    for (const id of [0, 1, 2]) {
      const { client } = await connectStream(ctx.server, api.token!, { lastEventId: id })
      await client.waitFor(m => m.some(x => x.event === 'reset'), 10_000, `reset for ${id}`)
      expect(JSON.parse(client.messages.find(m => m.event === 'reset')!.data)).toEqual({ lastSeq: 5 })
      expect(client.events()).toEqual([])
      client.close()
    }
    // Seq 3 was pruned, but a client that has it needs only 4 and 5: those are kept.
    const { client } = await connectStream(ctx.server, api.token!, { lastEventId: 3 })
    await client.waitForEvents(2)
    expectSeqs(client.events(), 4, 5)
    expect(client.messages.some(m => m.event === 'reset')).toBe(false)
    client.close()
  })
}, { env: { PULSE_EVENT_RETENTION: `${RETENTION_MS / 1000}s` }, db: true })
