import type { Api } from '../helpers/api'
import { expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { useSuiteResource } from '../helpers/suite-resource'
import { describeWithServer } from '../helpers/test-server'
import { waitUntil } from '../helpers/wait'
import { orderBody } from './support/api'
import { clockIn, expectKey, noonZone, pushEnv, pushOutcomes, subscribeDevice, TestClock, waitForPushes, waitForPushWorker } from './support/push'
import { PushService } from './support/push-service'

// orderBody() totals 2 × $4.50 + $3.00 = $12.00.
const ORDER_TOTAL = 1200

const clock = new TestClock()

describeWithServer('push delivery', (ctx) => {
  const service = useSuiteResource('the push service', () => PushService.start(), async (started) => {
    await started.close()
    expect(started.errors).toEqual([])
  })

  async function store(): Promise<{ api: Api, zone: string, storeId: string }> {
    const zone = noonZone(clock.now())
    const { api, auth } = await registerStore(ctx.server.url, { timeZone: zone, storeName: 'Corner Cafe' })
    await expectKey(api, service())
    return { api, zone, storeId: auth.store.id }
  }

  /** Before asserting that no (more) pushes came: the worker has caught up with the store, as of now on the push clock. */
  const caughtUp = (storeId: string) => waitForPushWorker([ctx.server], ctx.db, storeId, clock)

  it('pushes a new order and its payment, encrypted and VAPID-signed, with TTL, Urgency and Topic', async () => {
    const { api } = await store()
    const { device } = await subscribeDevice(api, service())
    const order = (await api.post('/orders', orderBody({ customerName: 'Ada' }))).body
    await api.post(`/orders/${order.id}/payments`, { amountCents: ORDER_TOTAL, method: 'card' })
    const pushes = await waitForPushes(service(), device, 2, 'two pushes')
    expect(pushes.map(p => p.payload)).toEqual([
      { type: 'new_order', title: `New order #${order.number} — $12.00`, body: 'Ada · Corner Cafe', url: `/orders/${order.id}`, orderId: order.id, seq: 1, tag: `order-${order.id}`, pendingCount: expect.any(Number) },
      { type: 'payment', title: 'Payment received — $12.00 (card)', body: `Order #${order.number} · Ada · Corner Cafe`, url: `/orders/${order.id}`, orderId: order.id, seq: 2, tag: `order-${order.id}`, pendingCount: expect.any(Number) },
    ])
    for (const push of pushes) {
      expect(push.urgency).toBe('high')
      expect(push.ttl).toBe(86_400)
      expect(push.topic).toMatch(/^[\w-]{1,32}$/)
      expect(push.jwt.aud).toBe(service().origin)
    }
    expect(pushes[0].topic).not.toBe(pushes[1].topic)
  })

  it('follows each device\'s switches and minOrderCents', async () => {
    const { api, storeId } = await store()
    const { device: orders } = await subscribeDevice(api, service(), { payments: false })
    const { device: payments } = await subscribeDevice(api, service(), { newOrders: false })
    const { device: big } = await subscribeDevice(api, service(), { minOrderCents: 5000 })
    const small = (await api.post('/orders', orderBody())).body
    const large = (await api.post('/orders', orderBody({ items: [{ name: 'Catering', quantity: 1, unitPriceCents: 9900 }] }))).body
    await api.post(`/orders/${small.id}/payments`, { amountCents: 200, method: 'cash' })
    await api.post(`/orders/${large.id}/payments`, { amountCents: 9900, method: 'card' })
    await caughtUp(storeId)
    const titles = (device: typeof orders) => service().pushesTo(device).map(p => p.payload.title)
    expect(titles(orders)).toEqual([`New order #${small.number} — $12.00`, `New order #${large.number} — $99.00`])
    expect(titles(payments)).toEqual(['Payment received — $2.00 (cash)', 'Payment received — $99.00 (card)'])
    expect(titles(big)).toEqual([`New order #${large.number} — $99.00`, 'Payment received — $99.00 (card)'])
  })

  it('holds pushes during quiet hours and sends them when they end', async () => {
    const { api, zone, storeId } = await store()
    const now = clock.now()
    const { device } = await subscribeDevice(api, service(), { quietHours: { from: clockIn(zone, now - 3_600_000), to: clockIn(zone, now + 3_600_000) } })
    const { device: loud } = await subscribeDevice(api, service())
    const before = await pushOutcomes(ctx.server.url)
    const order = (await api.post('/orders', orderBody())).body
    await caughtUp(storeId)
    expect(service().pushesTo(loud)).toHaveLength(1)
    expect(service().pushesTo(device)).toEqual([])
    expect((await pushOutcomes(ctx.server.url)).held - before.held).toBe(1)
    clock.advance(62 * 60_000)
    const [held] = await waitForPushes(service(), device, 1, 'the held push')
    expect(held.payload).toMatchObject({ type: 'new_order', orderId: order.id })
    await caughtUp(storeId)
    expect(service().pushesTo(device)).toHaveLength(1)
  })

  it('reminds once of an order still pending after pendingReminderMinutes, not of one paid meanwhile', async () => {
    const { api, storeId } = await store()
    const { device } = await subscribeDevice(api, service(), { newOrders: false, payments: false, pendingReminderMinutes: 5 })
    const waiting = (await api.post('/orders', orderBody({ customerName: 'Slow' }))).body
    const paid = (await api.post('/orders', orderBody())).body
    await api.patch(`/orders/${paid.id}`, { status: 'paid' })
    await caughtUp(storeId)
    expect(service().pushesTo(device)).toEqual([])
    clock.advance(5 * 60_000 + 1000)
    const [reminder] = await waitForPushes(service(), device, 1, 'the reminder')
    expect(reminder.payload).toMatchObject({ type: 'pending_reminder', orderId: waiting.id, title: `Order #${waiting.number} is still pending — $12.00`, tag: `order-${waiting.id}` })
    expect(reminder.urgency).toBe('high')
    clock.advance(10 * 60_000)
    await caughtUp(storeId)
    expect(service().pushesTo(device)).toHaveLength(1)
  })

  it('sends the daily summary at dailySummaryAt with the change vs the same weekday last week', async () => {
    const { api, zone, storeId } = await store()
    const at = clock.now() + 10 * 60_000
    const { device } = await subscribeDevice(api, service(), { newOrders: false, payments: false, dailySummaryAt: clockIn(zone, at) })
    for (let i = 0; i < 2; i++) {
      const order = (await api.post('/orders', orderBody())).body
      await api.post(`/orders/${order.id}/payments`, { amountCents: ORDER_TOTAL, method: 'card' })
    }
    // Last week, the same weekday, an hour before: one payment of $8.00.
    const [order] = await ctx.db.all<{ id: string, store_id: string }>('select id, store_id from orders where store_id = (select store_id from orders order by created_at desc limit 1) limit 1')
    const weekAgo = new Date(clock.now() - 7 * 86_400_000 - 3_600_000).toISOString()
    await ctx.db.all('insert into payments (id, order_id, store_id, amount_cents, method, created_at) values (?, ?, ?, ?, ?, ?) returning id', [crypto.randomUUID(), order.id, order.store_id, 800, 'card', weekAgo])
    await caughtUp(storeId)
    expect(service().pushesTo(device)).toEqual([])
    clock.advance(11 * 60_000)
    const [summary] = await waitForPushes(service(), device, 1, 'the daily summary')
    const weekday = new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: zone }).format(at)
    expect(summary.payload).toMatchObject({
      type: 'daily_summary',
      title: 'Today at Corner Cafe: $24.00, 2 orders',
      body: `Revenue +200% vs last ${weekday} ($8.00, 0 orders).`,
      url: '/',
    })
    expect(summary.urgency).toBe('normal')
    // One a day: the next is tomorrow.
    clock.advance(60 * 60_000)
    await caughtUp(storeId)
    expect(service().pushesTo(device)).toHaveLength(1)
  })

  it('the daily summary comes after quiet hours that cover its time', async () => {
    const { api, zone, storeId } = await store()
    const now = clock.now()
    const { device } = await subscribeDevice(api, service(), {
      newOrders: false,
      dailySummaryAt: clockIn(zone, now + 5 * 60_000),
      quietHours: { from: clockIn(zone, now - 60_000), to: clockIn(zone, now + 30 * 60_000) },
    })
    clock.advance(6 * 60_000)
    await caughtUp(storeId)
    expect(service().pushesTo(device)).toEqual([])
    clock.advance(30 * 60_000)
    const [summary] = await waitForPushes(service(), device, 1, 'the held summary')
    expect(summary.payload.type).toBe('daily_summary')
  })

  it('retries 429 after Retry-After and 5xx with backoff, then delivers once', async () => {
    const { api } = await store()
    const { device } = await subscribeDevice(api, service())
    service().reply(device, { status: 429, headers: { 'retry-after': '2' } }, { status: 503 })
    const before = await pushOutcomes(ctx.server.url)
    const order = (await api.post('/orders', orderBody())).body
    await waitUntil(() => service().pushesTo(device).length === 1, 'the push after retries', 15_000)
    const after = await pushOutcomes(ctx.server.url)
    expect(after.retried - before.retried).toBe(2)
    expect(after.sent - before.sent).toBeGreaterThanOrEqual(1)
    const attempts = service().attempts.filter(a => a.device === device.name)
    expect(attempts.map(a => a.status)).toEqual([429, 503, 201])
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(1900)
    expect(service().pushesTo(device)[0].payload.orderId).toBe(order.id)
  })

  it('deletes the subscription when the push service() answers 410 Gone (or 404)', async () => {
    const { api, storeId } = await store()
    const { device, id } = await subscribeDevice(api, service())
    const { device: missing, id: missingId } = await subscribeDevice(api, service())
    service().reply(device, { status: 410 })
    service().reply(missing, { status: 404 })
    const before = await pushOutcomes(ctx.server.url)
    await api.post('/orders', orderBody())
    await waitUntil(async () => (await api.get('/push/subscriptions')).body.subscriptions.length === 0, 'the subscriptions to go')
    expect((await pushOutcomes(ctx.server.url)).gone - before.gone).toBe(2)
    expect(await ctx.db.all('select id from push_outbox where subscription_id in (?, ?)', [id, missingId])).toEqual([])
    await api.post('/orders', orderBody())
    await caughtUp(storeId)
    expect(service().attempts.filter(a => a.device === device.name || a.device === missing.name)).toHaveLength(2)
  })

  it('sends a test notification to the device on request, even during quiet hours', async () => {
    const { api, zone } = await store()
    const now = clock.now()
    const { device, id } = await subscribeDevice(api, service(), { quietHours: { from: clockIn(zone, now - 60_000), to: clockIn(zone, now + 60 * 60_000) } })
    const response = await api.post(`/push/subscriptions/${id}/test`)
    expect(response.status).toBe(202)
    const [push] = await waitForPushes(service(), device, 1, 'the test push')
    expect(push.payload).toMatchObject({ type: 'test', title: 'Pulse notifications work', tag: 'pulse-test' })
    const { api: other } = await registerStore(ctx.server.url)
    expect((await other.post(`/push/subscriptions/${id}/test`)).status).toBe(404)
  })
}, { env: pushEnv(clock), db: true })
