import type { SseClient } from '../helpers/sse-client'
import { beforeAll, expect, it } from 'vitest'
import { storeKey } from '~shared/stream-cursor'
import { Api, registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { expectApiError, orderBody, UNKNOWN_ID } from './support/api'
import { connectStream } from './support/stream'
import { createKey, del } from './support/team'

const PASSWORD = 'correct horse'

describeWithServer('one stream over several stores: stores=all, the cursor, resuming, membership changes', (ctx) => {
  let person: Api
  let personId: string
  const stores: Record<'home' | 'stall' | 'joined', string> = { home: '', stall: '', joined: '' }
  let franchisor: Api
  let outsider: Api

  beforeAll(async () => {
    const registered = await registerStore(ctx.server.url, { storeName: 'Home', currency: 'USD' })
    person = registered.api
    personId = registered.auth.user.id
    stores.home = registered.auth.store.id
    stores.stall = (await person.post('/stores', { name: 'Stall', currency: 'EUR' })).body.id
    // A store the person is a manager of: its owner sells there too.
    const franchise = await registerStore(ctx.server.url, { storeName: 'Franchise', currency: 'EUR' })
    franchisor = franchise.api
    stores.joined = franchise.auth.store.id
    const invitation = await franchisor.post('/team/invitations', { role: 'manager' })
    expect((await person.post('/auth/accept-invitation', { token: invitation.body.token })).status).toBe(201)
    outsider = (await registerStore(ctx.server.url, { storeName: 'Outsider' })).api
  })

  /** A client of the person working in `storeId` (its own session). */
  async function sessionIn(storeId: string): Promise<Api> {
    const email = (await person.get('/auth/me')).body.user.email
    const api = new Api(ctx.server.url, (await new Api(ctx.server.url).post('/auth/login', { email, password: PASSWORD })).body.token)
    expect((await api.post('/auth/switch-store', { storeId })).status).toBe(200)
    return api
  }

  function created(client: SseClient): Array<{ id?: string, storeId: string, seq: number, name: string | null }> {
    return client.eventsOf('order_created').map(e => ({ id: e.id, storeId: e.data.storeId, seq: e.data.seq, name: e.data.order.customerName }))
  }

  async function waitForOrder(client: SseClient, name: string) {
    await client.waitFor(() => created(client).some(e => e.name === name), 10_000, name)
  }

  it('stores=all carries every store of the person with its storeId, each event\'s id a cursor over every store; nothing of other stores', async () => {
    const [home, stall] = [await sessionIn(stores.home), await sessionIn(stores.stall)]
    const { client, connected } = await connectStream(ctx.server, home.token!, { query: '?stores=all' })
    try {
      expect(client.messages.find(m => m.event === 'connected')!.id).toMatch(/^m2(?:\.[\w-]{6}[0-9a-z]+){3}$/)
      expect((connected as any).stores.map((s: any) => s.storeId).sort()).toEqual(Object.values(stores).sort())
      await home.post('/orders', orderBody({ customerName: 'h1' }))
      await stall.post('/orders', orderBody({ customerName: 's1' }))
      await franchisor.post('/orders', orderBody({ customerName: 'f1' }))
      await outsider.post('/orders', orderBody({ customerName: 'outsider' }))
      await home.post('/orders', orderBody({ customerName: 'h2' }))
      await waitForOrder(client, 'h2')
      const events = created(client)
      expect(events.map(e => [e.name, e.storeId])).toEqual([['h1', stores.home], ['s1', stores.stall], ['f1', stores.joined], ['h2', stores.home]])
      // Each id names every store's position, the event's own store at its seq.
      for (const event of events) {
        expect(event.id).toMatch(/^m2(?:\.[\w-]{6}[0-9a-z]+){3}$/)
        expect(event.id!.split('.')).toContain(`${storeKey(event.storeId)}${event.seq.toString(36)}`)
      }
    }
    finally {
      client.close()
    }
  })

  it('a reconnect with Last-Event-ID resumes each store from its own seq: no gap, no repeat, no reset', async () => {
    const [home, stall] = [await sessionIn(stores.home), await sessionIn(stores.stall)]
    const first = await connectStream(ctx.server, home.token!, { query: '?stores=all' })
    await home.post('/orders', orderBody({ customerName: 'before-h' }))
    await waitForOrder(first.client, 'before-h')
    const lastId = first.client.messages.at(-1)!.id!
    first.client.close()
    // Missed while disconnected: two in the stall, one at home, one in the franchise.
    await stall.post('/orders', orderBody({ customerName: 'missed-s1' }))
    await home.post('/orders', orderBody({ customerName: 'missed-h1' }))
    await franchisor.post('/orders', orderBody({ customerName: 'missed-f1' }))
    await stall.post('/orders', orderBody({ customerName: 'missed-s2' }))
    const { client } = await connectStream(ctx.server, home.token!, { query: '?stores=all', lastEventId: lastId })
    try {
      await home.post('/orders', orderBody({ customerName: 'live-h' }))
      // Each store replays on its own: the stall's two may come after the home's live one.
      await client.waitFor(() => created(client).length === 5, 10_000, 'five orders')
      expect(client.messages.some(m => m.event === 'reset')).toBe(false)
      const names = created(client).map(e => e.name)
      expect([...names].sort()).toEqual(['live-h', 'missed-f1', 'missed-h1', 'missed-s1', 'missed-s2'])
      // Per store in seq order.
      for (const storeId of Object.values(stores)) {
        const seqs = created(client).filter(e => e.storeId === storeId).map(e => e.seq)
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
      }
      expect(names.indexOf('missed-s1')).toBeLessThan(names.indexOf('missed-s2'))
    }
    finally {
      client.close()
    }
  })

  it('sends reset only for the store whose missed events the log no longer holds', async () => {
    const [home, stall] = [await sessionIn(stores.home), await sessionIn(stores.stall)]
    const first = await connectStream(ctx.server, home.token!, { query: '?stores=all' })
    await home.post('/orders', orderBody({ customerName: 'mark' }))
    await waitForOrder(first.client, 'mark')
    const lastId = first.client.messages.at(-1)!.id!
    first.client.close()
    await stall.post('/orders', orderBody({ customerName: 'pruned-s' }))
    await home.post('/orders', orderBody({ customerName: 'kept-h' }))
    // The stall's log is gone (as after pruning): what it missed there cannot be replayed.
    await ctx.db.all('delete from events where store_id = ? returning seq', [stores.stall])
    const { client } = await connectStream(ctx.server, home.token!, { query: '?stores=all', lastEventId: lastId })
    try {
      await waitForOrder(client, 'kept-h')
      await client.waitFor(messages => messages.some(m => m.event === 'reset'), 10_000, 'the reset')
      const resets = client.messages.filter(m => m.event === 'reset').map(m => JSON.parse(m.data))
      const stallSeq = (await stall.get('/analytics/summary')).body.lastSeq
      expect(resets).toEqual([{ storeId: stores.stall, lastSeq: stallSeq }])
      expect(created(client).map(e => e.name)).toEqual(['kept-h'])
      // After it, the stall goes on live.
      await stall.post('/orders', orderBody({ customerName: 'after-reset-s' }))
      await waitForOrder(client, 'after-reset-s')
    }
    finally {
      client.close()
    }
  })

  it('switching the session\'s store leaves the stream over all stores open; bad input is refused', async () => {
    const home = await sessionIn(stores.home)
    const { client } = await connectStream(ctx.server, home.token!, { query: `?stores=${stores.home},${stores.stall}` })
    try {
      expect((await home.post('/auth/switch-store', { storeId: stores.stall })).status).toBe(200)
      const stall = await sessionIn(stores.stall)
      await stall.post('/orders', orderBody({ customerName: 'after-switch' }))
      await waitForOrder(client, 'after-switch')
      expect(client.ended).toBe(false)
    }
    finally {
      client.close()
    }
    const outsiderStore = (await outsider.get('/auth/me')).body.store.id
    for (const [query, status, code] of [[`?stores=${outsiderStore}`, 404, 'store_not_found'], [`?stores=${UNKNOWN_ID}`, 404, 'store_not_found'], ['?stores=nope', 400, 'validation_failed']] as const) {
      const response = await fetch(`${ctx.server.url}/api/v1/events/stream${query}`, { headers: { authorization: `Bearer ${person.token}` } })
      expect({ status: response.status, body: await response.json() }).toEqual({ status, body: { error: code, message: expect.any(String) } })
    }
    for (const lastEventId of ['12', 'm1_zz.1', 'm1_12345678', 'm2.zz', 'm2.HzoJwg', 'm2.Hzo+wg3c']) {
      const response = await fetch(`${ctx.server.url}/api/v1/events/stream?stores=all`, { headers: { 'authorization': `Bearer ${person.token}`, 'last-event-id': lastEventId } })
      expect(response.status, lastEventId).toBe(400)
      expect((await response.json()).error).toBe('invalid_last_event_id')
    }
    // An API key streams its own store only.
    const key = await createKey(ctx.server, outsider, ['events:read'])
    expectApiError(await key.api.get(`/events/stream?stores=${stores.home}`), 404, 'store_not_found')
  })

  it('a membership removed while the stream is open closes that store\'s part; one added enters it', async () => {
    const home = await sessionIn(stores.home)
    const { client } = await connectStream(ctx.server, home.token!, { query: '?stores=all' })
    try {
      expect((await del(franchisor, `/team/${personId}`)).status).toBe(204)
      await client.waitFor(messages => messages.some(m => m.event === 'store_removed'), 10_000, 'store_removed')
      expect(JSON.parse(client.messages.find(m => m.event === 'store_removed')!.data)).toEqual({ storeId: stores.joined })
      await franchisor.post('/orders', orderBody({ customerName: 'not-yours' }))
      await home.post('/orders', orderBody({ customerName: 'still-home' }))
      await waitForOrder(client, 'still-home')
      expect(created(client).map(e => e.name)).not.toContain('not-yours')
      expect(client.messages.at(-1)!.id).toMatch(/^m2(?:\.[\w-]{6}[0-9a-z]+){2}$/)

      // Invited again: the store enters the open stream, live from its newest seq.
      const invitation = await franchisor.post('/team/invitations', { role: 'staff' })
      expect((await person.post('/auth/accept-invitation', { token: invitation.body.token })).status).toBe(201)
      await client.waitFor(messages => messages.some(m => m.event === 'store_added'), 10_000, 'store_added')
      expect(JSON.parse(client.messages.find(m => m.event === 'store_added')!.data)).toEqual({ storeId: stores.joined, lastSeq: expect.any(Number) })
      await franchisor.post('/orders', orderBody({ customerName: 'yours-again' }))
      await waitForOrder(client, 'yours-again')
      // A store of their own, opened meanwhile, enters too.
      const fresh = (await person.post('/stores', { name: 'Fresh' })).body.id
      await client.waitFor(messages => messages.some(m => m.event === 'store_added' && JSON.parse(m.data).storeId === fresh), 10_000, 'the new store')
    }
    finally {
      client.close()
    }
  })

  it('signing out ends the whole stream', async () => {
    const home = await sessionIn(stores.home)
    const { client } = await connectStream(ctx.server, home.token!, { query: '?stores=all' })
    expect((await home.post('/auth/logout')).status).toBe(204)
    await client.waitForEnd(10_000)
  })
}, { db: true })
