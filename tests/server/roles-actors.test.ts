import { beforeAll, expect, it } from 'vitest'
import { describeWithServer } from '../helpers/test-server'
import { expectApiError, orderBody } from './support/api'
import { connectStream } from './support/stream'
import { createKey, teamStore } from './support/team'

describeWithServer('actors and staff', (ctx) => {
  let team: Awaited<ReturnType<typeof teamStore>>

  beforeAll(async () => {
    team = await teamStore(ctx.server)
  })

  it('every event carries its actor, and the order shows who created, cancelled or refunded it', async () => {
    const { client, connected } = await connectStream(ctx.server, team.owner.token!)
    const staffActor = { type: 'user', id: team.staff.userId, name: team.staff.email }
    const ownerActor = { type: 'user', id: team.auth.user.id, name: team.auth.user.email }
    const key = await createKey(ctx.server, team.owner, ['orders:write'], 'Web shop')
    const keyActor = { type: 'api_key', id: key.keyId, name: 'Web shop' }

    const byStaff = (await team.staff.api.post('/orders', orderBody())).body
    const cancelled = await team.staff.api.patch(`/orders/${byStaff.id}`, { status: 'cancelled' })
    expect(cancelled.status).toBe(200)
    const byKey = (await key.api.post('/orders', orderBody())).body
    await key.api.post(`/orders/${byKey.id}/payments`, { amountCents: byKey.totalCents, method: 'card' })
    const refunded = await team.owner.patch(`/orders/${byKey.id}`, { status: 'refunded' })
    expect(refunded.status).toBe(200)

    await client.waitForEvents(6)
    const events = client.events()
    expect(events.map(e => [e.data.seq - connected.lastSeq, e.event, e.data.actor])).toEqual([
      [1, 'order_created', staffActor],
      [2, 'order_updated', staffActor],
      [3, 'order_created', keyActor],
      [4, 'payment_received', keyActor],
      [5, 'order_updated', keyActor],
      [6, 'order_updated', ownerActor],
    ])
    client.close()

    expect((await team.owner.get(`/orders/${byStaff.id}`)).body).toMatchObject({ createdBy: staffActor, cancelledBy: staffActor, refundedBy: null })
    expect((await team.owner.get(`/orders/${byKey.id}`)).body).toMatchObject({ createdBy: keyActor, cancelledBy: null, refundedBy: ownerActor })
    // The event log keeps the actor too: a resumed stream replays it.
    const replay = await connectStream(ctx.server, team.owner.token!, { lastEventId: connected.lastSeq })
    await replay.client.waitForEvents(6)
    expect(replay.client.events().map(e => e.data.actor)).toEqual(events.map(e => e.data.actor))
    replay.client.close()
  })

  it('staff: orders, payments, fulfilment and cancelling a pending order; no refunds, no analytics', async () => {
    const staff = team.staff.api
    const order = (await staff.post('/orders', orderBody())).body
    expect((await staff.post(`/orders/${order.id}/payments`, { amountCents: order.totalCents, method: 'cash' })).status).toBe(201)
    expect((await staff.patch(`/orders/${order.id}`, { status: 'fulfilled' })).status).toBe(200)
    expectApiError(await staff.patch(`/orders/${order.id}`, { status: 'refunded' }), 403, 'forbidden')
    expect((await team.owner.get(`/orders/${order.id}`)).body.status).toBe('fulfilled')
    // Cancelling is only ever from pending; a paid order is the status machine's 409, not a refund by another name.
    const paid = (await staff.post('/orders', orderBody())).body
    await staff.patch(`/orders/${paid.id}`, { status: 'paid' })
    expectApiError(await staff.patch(`/orders/${paid.id}`, { status: 'cancelled' }), 409, 'invalid_transition')
    for (const path of ['/analytics/summary', '/analytics/summary?range=7d', '/analytics/timeseries', '/analytics/top-products'])
      expectApiError(await staff.get(path), 403, 'forbidden')
    expect((await staff.get('/auth/me')).body.permissions).toEqual(['orders:read', 'orders:create', 'orders:pay', 'orders:fulfil', 'orders:cancel', 'events:read', 'notifications:manage', 'products:read'])
  })

  it('the store setting staffCanSeeToday lets staff see today\'s figures, and only those', async () => {
    expect((await team.owner.get('/store')).body).toMatchObject({ staffCanSeeToday: false })
    expect((await team.manager.api.get('/store')).body).toMatchObject({ staffCanSeeToday: false })
    expectApiError(await team.manager.api.patch('/store', { staffCanSeeToday: true }), 403, 'forbidden')
    expectApiError(await team.staff.api.get('/store'), 403, 'forbidden')
    expectApiError(await team.owner.patch('/store', { staffCanSeeToday: 'yes' }), 400, 'validation_failed')
    expect((await team.owner.patch('/store', { staffCanSeeToday: true })).body).toMatchObject({ staffCanSeeToday: true })
    const staff = team.staff.api
    expect((await staff.get('/analytics/summary')).status).toBe(200)
    expect((await staff.get('/analytics/timeseries?range=today')).status).toBe(200)
    expect((await staff.get('/analytics/top-products')).status).toBe(200)
    expectApiError(await staff.get('/analytics/summary?range=7d'), 403, 'forbidden')
    expectApiError(await staff.get('/analytics/timeseries?range=30d'), 403, 'forbidden')
    expect((await staff.get('/auth/me')).body.permissions).toContain('analytics:read_today')
    await team.owner.patch('/store', { staffCanSeeToday: false })
    expectApiError(await staff.get('/analytics/summary'), 403, 'forbidden')
  })

  it('staff get order notifications, but not the daily summary (the day\'s figures) unless allowed to see them', async () => {
    const device = (n: number) => ({ endpoint: `http://127.0.0.1:9/push/staff-${n}`, keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) } })
    expect((await team.staff.api.post('/push/subscriptions', { subscription: device(1), alerts: { newOrders: true } })).status).toBe(201)
    expectApiError(await team.staff.api.post('/push/subscriptions', { subscription: device(2), alerts: { dailySummaryAt: '18:00' } }), 403, 'forbidden')
    expect((await team.manager.api.post('/push/subscriptions', { subscription: device(3), alerts: { dailySummaryAt: '18:00' } })).status).toBe(201)
  })

  it('a staff stream carries the order events (with their actors), as the orders list does', async () => {
    const { client } = await connectStream(ctx.server, team.staff.api.token!)
    const order = (await team.manager.api.post('/orders', orderBody())).body
    await client.waitForEvents(1)
    expect(client.events()[0].data).toMatchObject({ type: 'order_created', order: { id: order.id }, actor: { type: 'user', id: team.manager.userId } })
    client.close()
  })
}, { env: { PULSE_PUSH_ALLOW_INSECURE_ENDPOINTS: '1' } })
