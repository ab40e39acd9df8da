import type { Api } from '../helpers/api'
import { beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { allOrders, expectApiError, lastSeqOf, orderBody, UNKNOWN_ID } from './support/api'

describeWithServer('orders', (ctx) => {
  it('creates an order: 201, numbered from 1001, pending, totals from the items', async () => {
    const { api, auth } = await registerStore(ctx.server.url, { currency: 'EUR' })
    const before = Date.now()
    const response = await api.post('/orders', orderBody({ note: '  extra hot  ' }))
    expect(response.status).toBe(201)
    const order = response.body
    expect(order).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      number: 1001,
      status: 'pending',
      currency: auth.store.currency,
      totalCents: 2 * 450 + 300,
      paidCents: 0,
      refundedCents: 0,
      items: [
        { name: 'Latte', sku: 'LAT-1', quantity: 2, unitPriceCents: 450, lineTotalCents: 900 },
        { name: 'Bagel', sku: null, quantity: 1, unitPriceCents: 300, lineTotalCents: 300 },
      ],
      customerName: 'Ada',
      note: 'extra hot',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      createdBy: { type: 'user', id: auth.user.id, name: auth.user.email },
      cancelledBy: null,
      refundedBy: null,
    })
    expect(new Date(order.createdAt).toISOString()).toBe(order.createdAt)
    expect(Date.parse(order.createdAt)).toBeGreaterThanOrEqual(before - 1000)
    expect(order.updatedAt).toBe(order.createdAt)

    const second = await api.post('/orders', { items: [{ name: 'Free sample', quantity: 1, unitPriceCents: 0 }] })
    expect(second.status).toBe(201)
    expect(second.body).toMatchObject({ number: 1002, totalCents: 0, customerName: null, note: null })
    expect(await lastSeqOf(api)).toBe(2)
  })

  it('numbers each store on its own', async () => {
    const { api: a } = await registerStore(ctx.server.url)
    const { api: b } = await registerStore(ctx.server.url)
    expect((await a.post('/orders', orderBody())).body.number).toBe(1001)
    expect((await a.post('/orders', orderBody())).body.number).toBe(1002)
    expect((await b.post('/orders', orderBody())).body.number).toBe(1001)
  })

  it('gets one order by id; an unknown or malformed id is a 404', async () => {
    const { api } = await registerStore(ctx.server.url)
    const created = (await api.post('/orders', orderBody())).body
    const fetched = await api.get(`/orders/${created.id}`)
    expect(fetched.status).toBe(200)
    expect(fetched.body).toEqual(created)
    expect((await api.get(`/orders/${created.id.toUpperCase()}`)).body).toEqual(created)
    expectApiError(await api.get(`/orders/${UNKNOWN_ID}`), 404, 'order_not_found')
    expectApiError(await api.get('/orders/not-a-uuid'), 404, 'order_not_found')
    expectApiError(await api.get('/orders/1001'), 404, 'order_not_found')
  })

  describe('listing', () => {
    let api: Api
    let created: any[]
    beforeAll(async () => {
      ({ api } = await registerStore(ctx.server.url))
      created = []
      for (let i = 0; i < 7; i++)
        created.push((await api.post('/orders', orderBody({ customerName: `Customer ${i}` }))).body)
      expect((await api.patch(`/orders/${created[1].id}`, { status: 'cancelled' })).status).toBe(200)
      expect((await api.patch(`/orders/${created[4].id}`, { status: 'paid' })).status).toBe(200)
      expect((await api.patch(`/orders/${created[5].id}`, { status: 'paid' })).status).toBe(200)
    })

    it('lists newest first with a default page of 20 and no cursor at the end', async () => {
      const list = await api.get('/orders')
      expect(list.status).toBe(200)
      expect(list.body.nextCursor).toBeNull()
      expect(list.body.orders.map((o: any) => o.number)).toEqual([1007, 1006, 1005, 1004, 1003, 1002, 1001])
      const byId = await Promise.all(created.map(o => api.get(`/orders/${o.id}`)))
      expect(list.body.orders).toEqual(byId.map(r => r.body).reverse())
    })

    it('pages with limit and cursor, without gaps or repeats', async () => {
      const seen: number[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const page: any = await api.get(`/orders?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        expect(page.status).toBe(200)
        expect(page.body.orders.length).toBeLessThanOrEqual(3)
        seen.push(...page.body.orders.map((o: any) => o.number))
        cursor = page.body.nextCursor
        pages++
      } while (cursor && pages < 10)
      expect(pages).toBe(3)
      expect(seen).toEqual([1007, 1006, 1005, 1004, 1003, 1002, 1001])
      const exact = await api.get('/orders?limit=7')
      expect(exact.body.orders).toHaveLength(7)
      expect(exact.body.nextCursor).toBeNull()
      expect((await allOrders(api)).length).toBe(7)
    })

    it('filters by status', async () => {
      const paid = await api.get('/orders?status=paid')
      expect(paid.body.orders.map((o: any) => o.number)).toEqual([1006, 1005])
      expect(paid.body.orders.every((o: any) => o.status === 'paid' && o.paidCents === o.totalCents)).toBe(true)
      const cancelled = await api.get('/orders?status=cancelled')
      expect(cancelled.body.orders.map((o: any) => o.number)).toEqual([1002])
      const pendingPage = await api.get('/orders?status=pending&limit=2')
      expect(pendingPage.body.orders.map((o: any) => o.number)).toEqual([1007, 1004])
      const rest = await api.get(`/orders?status=pending&limit=2&cursor=${pendingPage.body.nextCursor}`)
      expect(rest.body.orders.map((o: any) => o.number)).toEqual([1003, 1001])
      expect(rest.body.total).toBe(4)
      expect((await api.get('/orders?status=refunded')).body).toEqual({ orders: [], nextCursor: null, total: 0 })
    })

    it('rejects bad list queries with 400', async () => {
      for (const query of ['limit=0', 'limit=101', 'limit=abc', 'limit=-1', 'limit=2.5', 'status=shipped', 'cursor=abc', 'cursor=-5', 'status=paid&status=pending'])
        expectApiError(await api.get(`/orders?${query}`), 400, 'validation_failed')
      expect((await api.get('/orders?limit=100')).body.orders).toHaveLength(7)
      expect((await api.get('/orders?limit=1')).body.orders).toHaveLength(1)
    })
  })

  describe('idempotency', () => {
    it('returns the same order with 200 for the same key and body, and creates nothing', async () => {
      const { api } = await registerStore(ctx.server.url)
      const key = `order-${Date.now()}`
      const first = await api.post('/orders', orderBody(), { 'idempotency-key': key })
      expect(first.status).toBe(201)
      const seq = await lastSeqOf(api)
      const again = await api.post('/orders', orderBody(), { 'idempotency-key': key })
      expect(again.status).toBe(200)
      expect(again.body).toEqual(first.body)
      expect(await lastSeqOf(api)).toBe(seq)
      expect(await allOrders(api)).toHaveLength(1)
      // The next new order still takes the next number.
      expect((await api.post('/orders', orderBody())).body.number).toBe(1002)
    })

    it('treats the same fields in another order, or with other spacing, as the same body', async () => {
      const { api } = await registerStore(ctx.server.url)
      const first = await api.post('/orders', '{"items":[{"name":"Tea","quantity":1,"unitPriceCents":300}],"customerName":"Ada"}', { 'idempotency-key': 'order-of-keys' })
      expect(first.status).toBe(201)
      const reordered = await api.post('/orders', '{ "customerName": "Ada", "items": [ { "unitPriceCents": 300, "quantity": 1, "name": "Tea" } ] }', { 'idempotency-key': 'order-of-keys' })
      expect(reordered.status).toBe(200)
      expect(reordered.body.id).toBe(first.body.id)
      expect(await allOrders(api)).toHaveLength(1)
    })

    it('answers 409 for the same key with a different body, and creates nothing', async () => {
      const { api } = await registerStore(ctx.server.url)
      const key = 'reused-key'
      const first = await api.post('/orders', orderBody(), { 'idempotency-key': key })
      expect(first.status).toBe(201)
      const seq = await lastSeqOf(api)
      const changed = await api.post('/orders', orderBody({ customerName: 'Someone else' }), { 'idempotency-key': key })
      expectApiError(changed, 409, 'idempotency_key_reused')
      expect(await lastSeqOf(api)).toBe(seq)
      expect(await allOrders(api)).toEqual([first.body])
    })

    it('handles concurrent requests with one key as one order', async () => {
      const { api } = await registerStore(ctx.server.url)
      const responses = await Promise.all(Array.from({ length: 8 }, () => api.post('/orders', orderBody(), { 'idempotency-key': 'burst' })))
      expect(responses.map(r => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201])
      expect(new Set(responses.map(r => r.body.id)).size).toBe(1)
      expect(await allOrders(api)).toHaveLength(1)
      expect(await lastSeqOf(api)).toBe(1)
    })

    it('scopes keys to the store, and keeps orders without a key apart', async () => {
      const { api: a } = await registerStore(ctx.server.url)
      const { api: b } = await registerStore(ctx.server.url)
      const fromA = await a.post('/orders', orderBody(), { 'idempotency-key': 'shared-key' })
      const fromB = await b.post('/orders', orderBody({ customerName: 'B' }), { 'idempotency-key': 'shared-key' })
      expect(fromA.status).toBe(201)
      expect(fromB.status).toBe(201)
      expect(fromB.body.id).not.toBe(fromA.body.id)
      const plain = await Promise.all([a.post('/orders', orderBody()), a.post('/orders', orderBody())])
      expect(plain.map(r => r.status)).toEqual([201, 201])
      expect(await allOrders(a)).toHaveLength(3)
    })

    it('rejects a malformed key with 400 and creates nothing', async () => {
      const { api } = await registerStore(ctx.server.url)
      for (const key of ['x'.repeat(256), 'has space', 'naïve'])
        expectApiError(await api.post('/orders', orderBody(), { 'idempotency-key': key }), 400, 'invalid_idempotency_key')
      expect(await lastSeqOf(api)).toBe(0)
      expect(await allOrders(api)).toEqual([])
    })
  })
})
