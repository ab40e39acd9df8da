import { beforeAll, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { expectApiError, orderBody, UNKNOWN_ID } from './support/api'
import { connectStream } from './support/stream'
import { createKey, MEMBER_PASSWORD, newEmail, pairDevice } from './support/team'

describeWithServer('several stores: create, list, switch, roles per store', (ctx) => {
  let owner: Api
  let homeId: string

  beforeAll(async () => {
    const registered = await registerStore(ctx.server.url, { storeName: 'Harbour Café', currency: 'USD' })
    owner = registered.api
    homeId = registered.auth.store.id
  })

  async function countStores(): Promise<number> {
    const rows = await ctx.db.all<{ n: number }>('select count(*) as n from stores')
    return Number(rows[0].n)
  }

  it('pOST /stores: 201 with the store and the owner role; GET /stores lists every store of the person', async () => {
    const created = await owner.post('/stores', { name: '  Market Stall ', timeZone: 'Asia/Kolkata', currency: 'EUR' })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({ id: expect.any(String), name: 'Market Stall', timeZone: 'Asia/Kolkata', currency: 'EUR', role: 'owner' })
    const defaults = await owner.post('/stores', { name: 'Kiosk' })
    expect(defaults.body).toMatchObject({ timeZone: 'UTC', currency: 'USD', role: 'owner' })
    const listed = await owner.get('/stores')
    expect(listed.status).toBe(200)
    expect(listed.body.stores).toEqual([
      { id: homeId, name: 'Harbour Café', timeZone: 'UTC', currency: 'USD', role: 'owner' },
      { id: defaults.body.id, name: 'Kiosk', timeZone: 'UTC', currency: 'USD', role: 'owner' },
      created.body,
    ])
    // Creating does not move the session: it still works in the home store.
    expect((await owner.get('/auth/me')).body.store.id).toBe(homeId)
  })

  it('bad input to POST /stores is a 400 that creates nothing; signed out is a 401', async () => {
    const before = await countStores()
    for (const body of [{}, { name: '' }, { name: 'x'.repeat(101) }, { name: 'A', timeZone: 'Mars/Base' }, { name: 'A', currency: 'usd' }, { name: 'A', extra: 1 }, { name: 'A\u0000' }, []])
      expect((await owner.post('/stores', body)).status, JSON.stringify(body)).toBe(400)
    expectApiError(await owner.post('/stores', { name: 'A', currency: 'euro' }), 400, 'validation_failed')
    expectApiError(await owner.post('/stores', 'not json'), 400, 'invalid_json')
    expectApiError(await new Api(ctx.server.url).post('/stores', { name: 'A' }), 401, 'unauthorized')
    expectApiError(await new Api(ctx.server.url).get('/stores'), 401, 'unauthorized')
    expect(await countStores()).toBe(before)
  })

  it('a paired device or an API key sees only its own store and may neither create nor switch (403)', async () => {
    const other = (await owner.post('/stores', { name: 'Elsewhere' })).body
    const device = await pairDevice(ctx.server, owner)
    const key = await createKey(ctx.server, owner, ['orders:read'])
    expect((await device.api.get('/stores')).body).toEqual({ stores: [{ id: homeId, name: 'Harbour Café', timeZone: 'UTC', currency: 'USD', role: 'display' }] })
    expect((await key.api.get('/stores')).body).toEqual({ stores: [{ id: homeId, name: 'Harbour Café', timeZone: 'UTC', currency: 'USD', role: null }] })
    const before = await countStores()
    for (const principal of [device.api, key.api]) {
      expectApiError(await principal.post('/stores', { name: 'Mine' }), 403, 'forbidden')
      expectApiError(await principal.post('/auth/switch-store', { storeId: other.id }), 403, 'forbidden')
    }
    expect(await countStores()).toBe(before)
    expect((await device.api.get('/auth/me')).body.store.id).toBe(homeId)
  })

  it('switch-store: 200 {store, role}; the same session then works in that store, its orders and figures; 404 for a store not theirs', async () => {
    const stall = (await owner.post('/stores', { name: 'Stall', timeZone: 'Asia/Kolkata', currency: 'EUR' })).body
    const stranger = await registerStore(ctx.server.url)
    const session = new Api(ctx.server.url, (await owner.post('/auth/login', { email: (await owner.get('/auth/me')).body.user.email, password: 'correct horse' })).body.token)
    expectApiError(await session.post('/auth/switch-store', { storeId: stranger.auth.store.id }), 404, 'store_not_found')
    expectApiError(await session.post('/auth/switch-store', { storeId: UNKNOWN_ID }), 404, 'store_not_found')
    expectApiError(await session.post('/auth/switch-store', { storeId: 'nope' }), 400, 'validation_failed')
    expectApiError(await session.post('/auth/switch-store', {}), 400, 'validation_failed')
    expect((await session.get('/auth/me')).body.store.id).toBe(homeId)

    const switched = await session.post('/auth/switch-store', { storeId: stall.id })
    expect(switched.status).toBe(200)
    expect(switched.body).toEqual({ store: { id: stall.id, name: 'Stall', timeZone: 'Asia/Kolkata', currency: 'EUR', createdAt: expect.any(String) }, role: 'owner' })
    expect((await session.get('/auth/me')).body).toMatchObject({ store: { id: stall.id }, role: 'owner', user: { storeId: stall.id } })
    const order = await session.post('/orders', orderBody())
    expect(order.status).toBe(201)
    expect(order.body.currency).toBe('EUR')
    expect((await session.get('/orders')).body.orders.map((o: any) => o.id)).toEqual([order.body.id])
    expect((await session.get('/analytics/summary')).body).toMatchObject({ currency: 'EUR', orderCount: 1 })
    // The other session of the same person is unmoved, and the stall's order is not in the home store.
    expect((await owner.get('/orders')).body.orders.map((o: any) => o.id)).not.toContain(order.body.id)
    // Switching back works the same way.
    expect((await session.post('/auth/switch-store', { storeId: homeId })).body.store.id).toBe(homeId)
    expect((await session.get('/orders')).body.orders.map((o: any) => o.id)).not.toContain(order.body.id)
  })

  it('roles per store: staff of one store sees and streams only its orders; owner of another; manager of a third', async () => {
    const invitation = await owner.post('/team/invitations', { role: 'staff' })
    const email = newEmail('multi')
    const joined = await new Api(ctx.server.url).post('/auth/accept-invitation', { token: invitation.body.token, email, password: MEMBER_PASSWORD })
    expect(joined.status).toBe(201)
    const person = new Api(ctx.server.url, joined.body.token)
    const own = (await person.post('/stores', { name: 'Own Bakery', currency: 'GBP' })).body
    const franchisor = await registerStore(ctx.server.url, { storeName: 'Franchise HQ' })
    const managerInvite = await franchisor.api.post('/team/invitations', { role: 'manager' })
    expect((await person.post('/auth/accept-invitation', { token: managerInvite.body.token })).status).toBe(201)

    const stores = (await person.get('/stores')).body.stores
    expect(stores.map((s: any) => [s.name, s.role])).toEqual([['Franchise HQ', 'manager'], ['Harbour Café', 'staff'], ['Own Bakery', 'owner']])
    // The app's switcher and "All locations" read these counts: three stores, analytics in two (manager, owner).
    expect((await person.get('/auth/me')).body).toMatchObject({ storeCount: 3, analyticsStoreCount: 2 })

    // Staff in the home store: orders yes, analytics and team no.
    expect((await person.get('/orders')).status).toBe(200)
    expectApiError(await person.get('/analytics/summary?range=7d'), 403, 'forbidden')
    expectApiError(await person.get('/team'), 403, 'forbidden')
    // Owner of their own: the role there applies at once.
    expect((await person.post('/auth/switch-store', { storeId: own.id })).body.role).toBe('owner')
    expect((await person.get('/analytics/summary?range=7d')).status).toBe(200)
    expect((await person.get('/team')).status).toBe(200)
    expect((await person.patch('/store', { name: 'Own Bakery & Co' })).status).toBe(200)
    // Manager of the franchise: analytics yes, settings changes no.
    expect((await person.post('/auth/switch-store', { storeId: franchisor.auth.store.id })).body.role).toBe('manager')
    expect((await person.get('/analytics/summary?range=7d')).status).toBe(200)
    expectApiError(await person.patch('/store', { name: 'Mine now' }), 403, 'forbidden')
    // Back to the store where they are staff: the stream carries that store's orders only.
    expect((await person.post('/auth/switch-store', { storeId: homeId })).body.role).toBe('staff')
    const { client } = await connectStream(ctx.server, person.token!)
    try {
      await franchisor.api.post('/orders', orderBody({ customerName: 'Franchise customer' }))
      const here = await owner.post('/orders', orderBody({ customerName: 'Harbour customer' }))
      await client.waitFor(messages => messages.some(m => m.event === 'order_created' && JSON.parse(m.data).order.id === here.body.id), 10_000, 'the home order')
      expect(client.events().filter(e => e.event === 'order_created').map(e => e.data.order.customerName)).toEqual(['Harbour customer'])
    }
    finally {
      client.close()
    }
  })

  it('an open stream follows the switch: it closes, nothing of the old store arrives, and the reopened one carries the new store', async () => {
    const second = (await owner.post('/stores', { name: 'Second Café' })).body
    const email = (await owner.get('/auth/me')).body.user.email
    const session = new Api(ctx.server.url, (await owner.post('/auth/login', { email, password: 'correct horse' })).body.token)
    const { client } = await connectStream(ctx.server, session.token!)
    expect((await session.post('/auth/switch-store', { storeId: second.id })).status).toBe(200)
    await client.waitForEnd(10_000)
    const old = await owner.post('/orders', orderBody({ customerName: 'Old store' }))
    expect(old.status).toBe(201)
    expect(client.events().filter(e => e.event === 'order_created')).toEqual([])

    const reopened = await connectStream(ctx.server, session.token!)
    try {
      const fresh = await session.post('/orders', orderBody({ customerName: 'New store' }))
      await reopened.client.waitFor(messages => messages.some(m => m.event === 'order_created'), 10_000, 'the new store\'s order')
      const created = reopened.client.events().filter(e => e.event === 'order_created').map(e => e.data.order.id)
      expect(created).toEqual([fresh.body.id])
      await owner.post('/orders', orderBody({ customerName: 'Old store again' }))
      const marker = await session.post('/orders', orderBody({ customerName: 'Marker' }))
      await reopened.client.waitFor(messages => messages.some(m => m.event === 'order_created' && JSON.parse(m.data).order.id === marker.body.id), 10_000, 'the marker')
      expect(reopened.client.events().filter(e => e.event === 'order_created').map(e => e.data.order.customerName)).toEqual(['New store', 'Marker'])
    }
    finally {
      reopened.client.close()
    }
  })
}, { db: true })
