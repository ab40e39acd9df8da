import type { Api } from '../helpers/api'
import type { SseClient } from '../helpers/sse-client'
import { beforeAll, expect, it } from 'vitest'
import { documentedCursor } from '../../bench/lib/documented-cursor.mjs'
import { Api as Client, registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { orderBody } from './support/api'
import { connectStream } from './support/stream'

const PASSWORD = 'correct horse'
// More than a page of the log (500 events) in one store, a few in another, none in the third.
const MISSED = { home: 510, stall: 7, quiet: 0 }
const TOTAL = MISSED.home + MISSED.stall + MISSED.quiet
// The stall's first events, pruned from its log in the last test.
const PRUNED = 3

type Positions = Map<string, number>
interface Batch { id: string, events: Array<{ storeId: string, seq: number }>, data: string }

describeWithServer('a stream over several stores replaying a long absence, in batches', (ctx) => {
  let person: Api
  const stores: Record<keyof typeof MISSED, string> = { home: '', stall: '', quiet: '' }
  const sessions = new Map<string, Api>()
  let start: Positions
  let startId: string
  // The first replay's batches, in order, and the positions after each.
  let batches: Batch[] = []
  const after: Positions[] = []
  let markers = 0

  beforeAll(async () => {
    const registered = await registerStore(ctx.server.url, { storeName: 'Home', currency: 'USD' })
    person = registered.api
    stores.home = registered.auth.store.id
    stores.stall = (await person.post('/stores', { name: 'Stall', currency: 'EUR' })).body.id
    stores.quiet = (await person.post('/stores', { name: 'Quiet', currency: 'USD' })).body.id
    const email = (await person.get('/auth/me')).body.user.email
    for (const storeId of Object.values(stores)) {
      const api = new Client(ctx.server.url, (await new Client(ctx.server.url).post('/auth/login', { email, password: PASSWORD })).body.token)
      expect((await api.post('/auth/switch-store', { storeId })).status).toBe(200)
      sessions.set(storeId, api)
    }
    const first = await connectStream(ctx.server, person.token!, { query: '?stores=all' })
    start = new Map((first.connected as any).stores.map((s: any) => [s.storeId, s.lastSeq]))
    startId = first.client.messages.find(m => m.event === 'connected')!.id!
    first.client.close()
    expect(startId).toBe(documentedCursor(start))
    for (const [name, count] of Object.entries(MISSED)) {
      const api = sessions.get(stores[name as keyof typeof MISSED])!
      for (let i = 0; i < count; i++) expect((await api.post('/orders', orderBody({ customerName: `${name}-${i}` }))).status).toBe(201)
    }
  })

  /** The batches a stream sent, each with its events' store and seq. */
  function batchesOf(client: SseClient): Batch[] {
    return client.messages.filter(m => m.event === 'batch').map(m => ({ id: m.id!, data: m.data, events: JSON.parse(m.data).map((e: any) => ({ storeId: e.storeId, seq: e.seq })) }))
  }

  /**
   * Resumes from `lastEventId`; answers the orders of the first replay it sends and its resets. Once
   * `expected` orders are in, a new order in every store: a store's live events wait until its replay is
   * done, so once all three are here, any repeat is too. Earlier resumes' markers are left out.
   */
  async function resume(lastEventId: string, expected: number): Promise<{ orders: Array<{ storeId: string, seq: number }>, resets: unknown[] }> {
    const { client } = await connectStream(ctx.server, person.token!, { query: '?stores=all', lastEventId })
    const orders = () => client.eventsOf('order_created').filter(e => !e.data.order.customerName.startsWith('marker'))
    try {
      await client.waitFor(() => orders().length >= expected, 20_000, `${expected} orders`)
      const marker = `marker ${markers++}`
      for (const api of sessions.values()) expect((await api.post('/orders', orderBody({ customerName: marker }))).status).toBe(201)
      await client.waitFor(() => client.eventsOf('order_created').filter(e => e.data.order.customerName === marker).length === sessions.size, 10_000, 'the orders after the replay')
      return { orders: orders().map(e => ({ storeId: e.data.storeId, seq: e.data.seq })), resets: client.messages.filter(m => m.event === 'reset').map(m => JSON.parse(m.data)) }
    }
    finally {
      client.close()
    }
  }

  /** What a client at `from` has still to receive of the first replay, by store and seq. */
  function rest(from: Positions): Array<{ storeId: string, seq: number }> {
    return batches.flatMap(batch => batch.events).filter(e => e.seq > from.get(e.storeId)!)
  }

  const byStoreAndSeq = (events: Array<{ storeId: string, seq: number }>) => [...events].sort((a, b) => a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : a.seq - b.seq)

  it('replays every missed event once, in batches of several events: each batch\'s id is the cursor once its last event is sent', async () => {
    const { client } = await connectStream(ctx.server, person.token!, { query: '?stores=all', lastEventId: startId })
    try {
      await client.waitFor(() => client.eventsOf('order_created').length >= TOTAL, 20_000, `${TOTAL} orders`)
      expect(client.messages.some(m => m.event === 'reset' || m.event === 'order_created')).toBe(false)
      batches = batchesOf(client)
    }
    finally {
      client.close()
    }
    const positions = new Map(start)
    for (const batch of batches) {
      for (const { storeId, seq } of batch.events) {
        expect(seq, storeId).toBe(positions.get(storeId)! + 1)
        positions.set(storeId, seq)
      }
      expect(batch.id).toBe(documentedCursor(positions))
      after.push(new Map(positions))
    }
    expect(batches.flatMap(batch => batch.events)).toHaveLength(TOTAL)
    expect(positions.get(stores.home)).toBe(start.get(stores.home)! + MISSED.home)
    expect(positions.get(stores.stall)).toBe(start.get(stores.stall)! + MISSED.stall)
    // 16 KB of buffer: a batch of a write is 2,048 characters, several events, never one a frame.
    expect(batches.length).toBeGreaterThan(TOTAL / 20)
    expect(batches.length).toBeLessThan(TOTAL / 2)
  })

  it('each event of a batch is the data a live frame of it carries, byte for byte', async () => {
    const stall = sessions.get(stores.stall)!
    const { client } = await connectStream(ctx.server, stall.token!, { lastEventId: start.get(stores.stall)! })
    try {
      await client.waitFor(() => client.eventsOf('order_created').length >= MISSED.stall, 10_000, 'the stall\'s orders')
      const own = client.messages.filter(m => m.event === 'order_created').map(m => m.data)
      const batched = batches.map(batch => batch.data).join(',')
      for (const data of own) expect(batched).toContain(data)
      expect(own).toHaveLength(MISSED.stall)
    }
    finally {
      client.close()
    }
  })

  it('resuming from any batch\'s id gives exactly the rest: no gap, no repeat', async () => {
    const picks = [0, 1, Math.floor(batches.length / 3), Math.floor(batches.length / 2), batches.length - 2, batches.length - 1]
    // And where a batch carries the events of two stores, if one does.
    const mixed = batches.findIndex(batch => new Set(batch.events.map(e => e.storeId)).size > 1)
    for (const index of mixed === -1 ? picks : [...picks, mixed]) {
      const expected = rest(after[index])
      const { orders, resets } = await resume(batches[index].id, expected.length)
      expect(resets, `batch ${index}`).toEqual([])
      expect(byStoreAndSeq(orders), `batch ${index}`).toEqual(byStoreAndSeq(expected))
    }
  })

  it('a store whose missed events the log no longer holds gets a reset; the others go on exactly from their place', async () => {
    const firstKept = start.get(stores.stall)! + PRUNED + 1
    await ctx.db.all('delete from events where store_id = ? and seq < ? returning seq', [stores.stall, firstKept])
    const stallSeq = (await sessions.get(stores.stall)!.get('/analytics/summary')).body.lastSeq
    // From before the pruned events: the stall starts afresh, home replays all of its own.
    const fromStart = await resume(startId, MISSED.home)
    expect(fromStart.resets).toEqual([{ storeId: stores.stall, lastSeq: stallSeq }])
    expect(byStoreAndSeq(fromStart.orders)).toEqual(byStoreAndSeq(rest(start).filter(e => e.storeId !== stores.stall)))
    // From a batch after which the stall had what was pruned: no reset, exactly the rest.
    const index = after.findIndex(positions => positions.get(stores.stall)! >= firstKept - 1)
    expect(index).toBeGreaterThanOrEqual(0)
    const expected = rest(after[index])
    const resumed = await resume(batches[index].id, expected.length)
    expect(resumed.resets).toEqual([])
    expect(byStoreAndSeq(resumed.orders)).toEqual(byStoreAndSeq(expected))
  })

  it('connected names every store at its newest seq, read for all of them at once', async () => {
    const { client, connected } = await connectStream(ctx.server, person.token!, { query: '?stores=all' })
    client.close()
    const newest = new Map<string, number>()
    for (const [storeId, api] of sessions) newest.set(storeId, (await api.get('/analytics/summary')).body.lastSeq)
    expect(new Set(newest.values()).size).toBe(sessions.size)
    expect(new Map((connected as any).stores.map((s: any) => [s.storeId, s.lastSeq]))).toEqual(newest)
  })
}, { db: true, env: { PULSE_STREAM_MAX_BUFFER: '16384' } })
