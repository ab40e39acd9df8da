import type { Api } from '../helpers/api'
import { beforeAll, expect, it } from 'vitest'
import { documentedCursor } from '../../bench/lib/documented-cursor.mjs'
import { Api as Client, registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { orderBody } from './support/api'
import { connectStream } from './support/stream'

const PASSWORD = 'correct horse'
// More than a page of the log (500 events) in one store, a few in another, none in the third.
const MISSED = { home: 510, stall: 7, quiet: 0 }

describeWithServer('a stream over several stores replaying a long absence', (ctx) => {
  let person: Api
  const stores: Record<keyof typeof MISSED, string> = { home: '', stall: '', quiet: '' }
  const sessions = new Map<string, Api>()

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
  })

  it('every missed event once, in order per store, each id the cursor of every store at that event; resuming from any of them goes on from there', async () => {
    const first = await connectStream(ctx.server, person.token!, { query: '?stores=all' })
    const start = new Map<string, number>((first.connected as any).stores.map((s: any) => [s.storeId, s.lastSeq]))
    const startId = first.client.messages.find(m => m.event === 'connected')!.id!
    first.client.close()
    expect(startId).toBe(documentedCursor(start))
    for (const [name, count] of Object.entries(MISSED)) {
      const api = sessions.get(stores[name as keyof typeof MISSED])!
      for (let i = 0; i < count; i++) expect((await api.post('/orders', orderBody({ customerName: `${name}-${i}` }))).status).toBe(201)
    }
    const total = MISSED.home + MISSED.stall + MISSED.quiet

    const { client } = await connectStream(ctx.server, person.token!, { query: '?stores=all', lastEventId: startId })
    let replayed
    try {
      await client.waitFor(messages => messages.filter(m => m.event === 'order_created').length >= total, 20_000, `${total} orders`)
      replayed = client.messages.filter(m => m.event === 'order_created')
      expect(client.messages.some(m => m.event === 'reset')).toBe(false)
    }
    finally {
      client.close()
    }
    expect(replayed).toHaveLength(total)
    const positions = new Map(start)
    const at: Array<Map<string, number>> = []
    for (const message of replayed) {
      const { storeId, seq } = JSON.parse(message.data)
      expect(seq, storeId).toBe(positions.get(storeId)! + 1)
      positions.set(storeId, seq)
      expect(message.id).toBe(documentedCursor(positions))
      at.push(new Map(positions))
    }
    expect(positions.get(stores.home)).toBe(start.get(stores.home)! + MISSED.home)
    expect(positions.get(stores.stall)).toBe(start.get(stores.stall)! + MISSED.stall)

    // A connection dropped in the middle of the replay resumes from the last id it had.
    const middle = MISSED.home - 3
    const byStoreAndSeq = (data: string[]) => data.map(d => JSON.parse(d)).sort((a, b) => a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : a.seq - b.seq)
    const expected = byStoreAndSeq(replayed.map(m => m.data).filter((d) => {
      const { storeId, seq } = JSON.parse(d)
      return seq > at[middle].get(storeId)!
    }))
    expect(expected.length).toBe(total - middle - 1)
    const resumed = await connectStream(ctx.server, person.token!, { query: '?stores=all', lastEventId: replayed[middle].id! })
    try {
      await resumed.client.waitFor(messages => messages.filter(m => m.event === 'order_created').length >= expected.length, 10_000, 'the rest')
      // A new order comes after everything the stream still had to send: once it is here, so is any repeat.
      expect((await sessions.get(stores.quiet)!.post('/orders', orderBody({ customerName: 'after the replay' }))).status).toBe(201)
      await resumed.client.waitFor(messages => messages.some(m => m.data.includes('after the replay')), 10_000, 'the order after the replay')
      const created = resumed.client.messages.filter(m => m.event === 'order_created' && !m.data.includes('after the replay'))
      expect(byStoreAndSeq(created.map(m => m.data))).toEqual(expected)
    }
    finally {
      resumed.client.close()
    }
  })
}, { env: { PULSE_STREAM_MAX_BUFFER: '16384' } })
