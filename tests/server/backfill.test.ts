import type { Api } from '../helpers/api'
import type { PlatformApis } from './support/platform-apis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { waitUntil } from '../helpers/wait'
import { allOrders, expectApiError, UNKNOWN_ID } from './support/api'
import { connect, deliver, fixture, shopifyDelivery, stripeEvent, stripePaymentIntent } from './support/connectors'
import { platformEnv, shopifyOrders, startPlatformApis, stripeCharges, uniqueKey } from './support/platform-apis'
import { connectStream } from './support/stream'
import { addMember } from './support/team'

// The platforms' list APIs run before Pulse starts: its environment points every platform at them.
const apis: PlatformApis = await startPlatformApis()
afterAll(() => apis.close())

const DAY = 86_400
const nowSeconds = Math.floor(Date.now() / 1000)
/** `count` times spread over the last `days` days (seconds), none in the last hour. */
function pastTimes(count: number, days = 20): number[] {
  return Array.from({ length: count }, (_, i) => nowSeconds - 3600 - Math.floor((i * days * DAY) / count) - 7)
}
function daysAgo(days: number): string {
  return new Date(Date.now() - days * DAY * 1000).toISOString().slice(0, 10)
}

async function waitForImport(api: Api, id: string): Promise<any> {
  return waitUntil(async () => {
    const state = await api.get(`/connections/${id}/backfill`)
    expect(state.status).toBe(200)
    return state.body.status !== 'running' && state.body
  }, 'the import to finish', 30_000, 100)
}

async function importHistory(api: Api, id: string, since: string): Promise<any> {
  const started = await api.post(`/connections/${id}/backfill`, { since })
  expect(started.status, JSON.stringify(started.body)).toBe(202)
  expect(started.body.status).toBe('running')
  return waitForImport(api, id)
}

async function summary30d(api: Api): Promise<{ revenueCents: number, orderCount: number }> {
  return (await api.get('/analytics/summary?range=30d')).body
}

describeWithServer('History import', (ctx) => {
  let owner: Api

  beforeAll(async () => {
    owner = (await registerStore(ctx.server.url)).api
  })

  it('imports Stripe charges page by page at their own time, waits out a 429, and a later webhook of a payment intent finds its order', async () => {
    const { api, auth } = await registerStore(ctx.server.url)
    const key = uniqueKey('rk_test_')
    // 203 charges: three pages of Stripe's 100; one failed, one in euros, one half refunded.
    const charges = stripeCharges(pastTimes(203), i => i === 5 ? { status: 'failed', paid: false } : i === 6 ? { currency: 'eur' } : i === 7 ? { amount_refunded: 503 } : {})
    apis.serve('stripe', key, charges, { faults: [{ onRequest: 2, status: 429, retryAfter: '1' }] })
    const made = await connect(api, 'stripe', { apiKey: key })
    const { client } = await connectStream(ctx.server, auth.token)
    try {
      const before = await allOrders(api)
      const done = await importHistory(api, made.id, daysAgo(25))
      expect(done).toMatchObject({ status: 'done', since: daysAgo(25), imported: 201, skipped: 1, otherCurrency: 1, hasApiKey: true, startedAt: expect.any(String), finishedAt: expect.any(String) })
      expect(done.error).toBeUndefined()

      // Pages followed with starting_after; the page refused with 429 was asked again, as it was.
      const requests = apis.requests('stripe', key)
      expect(requests.map(url => url.searchParams.get('starting_after'))).toEqual([null, charges[99].id, charges[99].id, charges[199].id])
      expect(requests.every(url => url.searchParams.get('limit') === '100')).toBe(true)

      const orders = await allOrders(api)
      expect(orders.length - before.length).toBe(201)
      // Each order is at its charge's own time, paid; the half-refunded one keeps its refund.
      const byCharge = new Map(orders.map(order => [order.source?.externalId, order]))
      for (const charge of charges.filter(c => c.status === 'succeeded' && c.currency === 'usd')) {
        const order = byCharge.get(charge.payment_intent)
        expect(order, charge.id).toBeDefined()
        expect(Date.parse(order.createdAt)).toBe(charge.created * 1000)
        expect(order.totalCents).toBe(charge.amount)
        expect(order.status).toBe('paid')
      }
      expect(byCharge.get(charges.find(c => c.amount_refunded === 503)!.payment_intent).refundedCents).toBe(503)
      // Rollups see them in their hours: the 30 days' figures are the imported sales, less the refund.
      const inUsd = charges.filter(c => c.status === 'succeeded' && c.currency === 'usd')
      expect(await summary30d(api)).toMatchObject({ orderCount: 201, revenueCents: inUsd.reduce((sum, c) => sum + c.amount, 0) - 503 })
      const oldest = inUsd.at(-1)!
      const bucket = await ctx.db.all<any>('select order_count from rollups_hourly where store_id = (select store_id from orders where id = ?) and bucket = (select bucket from orders where id = ?)', [byCharge.get(oldest.payment_intent).id, byCharge.get(oldest.payment_intent).id])
      expect(Number(bucket[0].order_count)).toBeGreaterThanOrEqual(1)

      // No toast per sale: one reset, and no order event, reached the open dashboard.
      await client.waitFor(messages => messages.some(m => m.event === 'reset'), 10_000, 'reset')
      expect(client.messages.filter(m => m.event === 'reset')).toHaveLength(1)
      expect(client.events().filter(e => e.event !== 'reset')).toEqual([])

      // The webhook of an imported charge's payment intent is the same order.
      const charge = inUsd[10]
      const webhook = await deliver(made.webhookUrl, stripeEvent('payment_intent.succeeded', stripePaymentIntent({ id: charge.payment_intent, amount: charge.amount })))
      expect(webhook.status).toBe(200)
      expect(await allOrders(api)).toHaveLength(orders.length)

      // A second import of the same period adds nothing.
      const again = await importHistory(api, made.id, daysAgo(25))
      expect(again).toMatchObject({ status: 'done', imported: 0, skipped: 202, otherCurrency: 1 })
      expect(await allOrders(api)).toHaveLength(orders.length)
      expect(await summary30d(api)).toMatchObject({ orderCount: 201 })
    }
    finally {
      client.close()
    }
  })

  it('an order a webhook made first is not imported again', async () => {
    const { api } = await registerStore(ctx.server.url)
    const key = uniqueKey('rk_test_')
    const charges = stripeCharges(pastTimes(3))
    apis.serve('stripe', key, charges)
    const made = await connect(api, 'stripe', { apiKey: key })
    const webhook = await deliver(made.webhookUrl, stripeEvent('payment_intent.succeeded', stripePaymentIntent({ id: charges[1].payment_intent, amount: charges[1].amount })))
    expect(webhook.status).toBe(200)
    expect(await importHistory(api, made.id, daysAgo(25))).toMatchObject({ status: 'done', imported: 2, skipped: 1 })
    const orders = await allOrders(api)
    expect(orders).toHaveLength(3)
    expect(new Set(orders.map(o => o.source.externalId))).toEqual(new Set(charges.map(c => c.payment_intent)))
  })

  it('a refused key fails the import; started again it resumes after the last page it committed, importing nothing twice', async () => {
    const { api } = await registerStore(ctx.server.url)
    const key = uniqueKey('rk_test_')
    const charges = stripeCharges(pastTimes(150))
    apis.serve('stripe', key, charges, { faults: [{ onRequest: 2, status: 401 }] })
    const made = await connect(api, 'stripe', { apiKey: key })
    const failed = await importHistory(api, made.id, daysAgo(25))
    expect(failed).toMatchObject({ status: 'failed', imported: 100, skipped: 0, error: expect.stringContaining('Stripe refused the API key (401)') })
    expect(failed.error).not.toContain(key)
    expect(await allOrders(api)).toHaveLength(100)

    const done = await importHistory(api, made.id, daysAgo(25))
    expect(done).toMatchObject({ status: 'done', imported: 150, skipped: 0 })
    expect(apis.requests('stripe', key).map(url => url.searchParams.get('starting_after'))).toEqual([null, charges[99].id, charges[99].id])
    const orders = await allOrders(api)
    expect(orders).toHaveLength(150)
    expect(new Set(orders.map(o => o.source.externalId)).size).toBe(150)
  })

  it('an import its server left running is reported interrupted and resumes from its cursor', async () => {
    const { api } = await registerStore(ctx.server.url)
    const key = uniqueKey('rk_test_')
    const charges = stripeCharges(pastTimes(120))
    apis.serve('stripe', key, charges, { faults: [{ onRequest: 2, status: 401 }] })
    const made = await connect(api, 'stripe', { apiKey: key })
    await importHistory(api, made.id, daysAgo(25))
    // As a server that stopped mid-import leaves it: running, its heartbeat long past.
    const old = new Date(Date.now() - 3_600_000).toISOString()
    await ctx.db.all('update connection_backfills set status = ?, error = null, finished_at = null, heartbeat_at = ? where connection_id = ? returning connection_id', ['running', old, made.id])
    const interrupted = (await api.get(`/connections/${made.id}/backfill`)).body
    expect(interrupted).toMatchObject({ status: 'failed', imported: 100, error: expect.stringContaining('interrupted') })
    expect(await importHistory(api, made.id, daysAgo(25))).toMatchObject({ status: 'done', imported: 120 })
    expect(await allOrders(api)).toHaveLength(120)
  })

  // On SQLite (one instance) a restart is known at once; on PostgreSQL the heartbeat tells (the test above).
  it.runIf(ctx.backend === 'sqlite')('a restart mid-import shows it failed (interrupted); started again it resumes after the pages it committed', async () => {
    const { api } = await registerStore(ctx.server.url)
    const key = uniqueKey('rk_test_')
    const charges = stripeCharges(pastTimes(160))
    // After the first page Stripe asks for 30 s: the server is restarted while the import waits.
    apis.serve('stripe', key, charges, { faults: [{ onRequest: 2, status: 429, retryAfter: '30' }] })
    const made = await connect(api, 'stripe', { apiKey: key })
    expect((await api.post(`/connections/${made.id}/backfill`, { since: daysAgo(25) })).status).toBe(202)
    await waitUntil(() => apis.requests('stripe', key).length >= 2, 'the second page\'s request')
    expect((await api.get(`/connections/${made.id}/backfill`)).body).toMatchObject({ status: 'running', imported: 100 })
    await ctx.server.stop()
    await ctx.server.restart()
    expect((await api.get(`/connections/${made.id}/backfill`)).body).toMatchObject({ status: 'failed', imported: 100, error: expect.stringContaining('interrupted') })
    expect(await importHistory(api, made.id, daysAgo(25))).toMatchObject({ status: 'done', imported: 160 })
    expect(apis.requests('stripe', key).map(url => url.searchParams.get('starting_after'))).toEqual([null, charges[99].id, charges[99].id])
    expect(await allOrders(api)).toHaveLength(160)
  })

  it('one import per connection: a second start while it runs is 409 backfill_running', async () => {
    const { api } = await registerStore(ctx.server.url)
    const key = uniqueKey('rk_test_')
    apis.serve('stripe', key, stripeCharges(pastTimes(2)), { faults: [{ onRequest: 1, status: 429, retryAfter: '2' }] })
    const made = await connect(api, 'stripe', { apiKey: key })
    expect((await api.post(`/connections/${made.id}/backfill`, { since: daysAgo(25) })).status).toBe(202)
    expectApiError(await api.post(`/connections/${made.id}/backfill`, { since: daysAgo(25) }), 409, 'backfill_running')
    expect(await waitForImport(api, made.id)).toMatchObject({ status: 'done', imported: 2 })
  })

  it('refuses bad input with a 4xx and starts nothing; managers may read, only owners start; staff are refused', async () => {
    const key = uniqueKey('rk_test_')
    apis.serve('stripe', key, stripeCharges(pastTimes(2)))
    const made = await connect(owner, 'stripe', { apiKey: key })
    const url = `/connections/${made.id}/backfill`
    expectApiError(await owner.post(url, { since: '2026-02-30' }), 400, 'validation_failed')
    expectApiError(await owner.post(url, { since: '12/01/2026' }), 400, 'validation_failed')
    expectApiError(await owner.post(url, { since: daysAgo(-3) }), 400, 'validation_failed')
    expectApiError(await owner.post(url, { since: '1999-12-31' }), 400, 'validation_failed')
    expectApiError(await owner.post(url, {}), 400, 'validation_failed')
    expectApiError(await owner.post(url, { since: daysAgo(3), extra: 1 }), 400, 'validation_failed')
    expectApiError(await owner.post(`/connections/${UNKNOWN_ID}/backfill`, { since: daysAgo(3) }), 404, 'connection_not_found')
    expectApiError(await owner.get(`/connections/${UNKNOWN_ID}/backfill`), 404, 'connection_not_found')
    const keyless = await connect(owner, 'stripe')
    expectApiError(await owner.post(`/connections/${keyless.id}/backfill`, { since: daysAgo(3) }), 409, 'api_key_missing')
    expect((await owner.get(`/connections/${keyless.id}/backfill`)).body).toEqual({ status: 'idle', since: null, imported: 0, skipped: 0, otherCurrency: 0, startedAt: null, finishedAt: null, hasApiKey: false })
    const shopify = await connect(owner, 'shopify', { apiKey: 'shpat_x' })
    expect((await owner.get(`/connections/${shopify.id}/backfill`)).body.status).toBe('idle')

    const manager = await addMember(ctx.server, owner, 'manager')
    const staff = await addMember(ctx.server, owner, 'staff')
    expect((await manager.api.get(url)).status).toBe(200)
    expectApiError(await manager.api.post(url, { since: daysAgo(3) }), 403, 'forbidden')
    expectApiError(await staff.api.get(url), 403, 'forbidden')
    expectApiError(await staff.api.post(url, { since: daysAgo(3) }), 403, 'forbidden')
    expect((await owner.get(url)).body.status).toBe('idle')
    expect(apis.requests('stripe', key)).toEqual([])

    // The key can be set later (PATCH), and is never returned.
    const patched = await owner.patch(`/connections/${keyless.id}`, { apiKey: 'rk_test_later_key' })
    expect(patched.status).toBe(200)
    expect(JSON.stringify(patched.body)).not.toContain('rk_test_later_key')
    expect((await owner.get(`/connections/${keyless.id}/backfill`)).body.hasApiKey).toBe(true)
  })

  it('imports Shopify orders following Link headers, with their refunds once, and a later orders/paid webhook is the same order', async () => {
    const { api } = await registerStore(ctx.server.url)
    const key = uniqueKey('shpat_')
    const refund = fixture('shopify', 'refund.json').refund
    const orders = shopifyOrders(pastTimes(7), i => i === 2 ? { financial_status: 'pending' } : {})
    const refunded = orders[0]
    refunded.refunds = [{ ...refund, order_id: refunded.id, transactions: refund.transactions.map((t: any) => ({ ...t, order_id: refunded.id, amount: '10.00', currency: 'USD' })) }]
    apis.serve('shopify', key, orders, { pageSize: 3, faults: [{ onRequest: 2, status: 429, retryAfter: '1' }] })
    const made = await connect(api, 'shopify', { apiKey: key, shopDomain: 'shop1.myshopify.io' })
    expect(await importHistory(api, made.id, daysAgo(25))).toMatchObject({ status: 'done', imported: 7, skipped: 0 })
    const requests = apis.requests('shopify', key)
    expect(requests).toHaveLength(4)
    expect(requests[0].searchParams.get('status')).toBe('any')
    expect(requests[0].searchParams.get('created_at_min')).toBe(new Date(`${daysAgo(25)}T00:00:00Z`).toISOString())
    expect(requests[1].searchParams.get('page_info')).toBe(requests[2].searchParams.get('page_info'))
    expect(requests[3].searchParams.get('page_info')).toBeTruthy()

    const imported = await allOrders(api)
    expect(imported).toHaveLength(7)
    const byId = new Map(imported.map(o => [o.source.externalId, o]))
    for (const order of orders) expect(Date.parse(byId.get(String(order.id)).createdAt)).toBe(Date.parse(order.created_at))
    expect(byId.get(String(orders[2].id)).status).toBe('pending')
    expect(byId.get(String(refunded.id)).refundedCents).toBe(1000)
    // The refund's webhook after the import: the same refund id, applied once.
    const refundHook = await deliver(made.webhookUrl, shopifyDelivery('refunds/create', refunded.refunds[0]))
    expect(refundHook.status).toBe(200)
    // The pending order is paid later: its webhook finds the imported order.
    const paid = await deliver(made.webhookUrl, shopifyDelivery('orders/paid', { ...orders[2], financial_status: 'paid' }))
    expect(paid.status).toBe(200)
    const after = await allOrders(api)
    expect(after).toHaveLength(7)
    const byIdAfter = new Map(after.map(o => [o.source.externalId, o]))
    expect(byIdAfter.get(String(refunded.id)).refundedCents).toBe(1000)
    expect(byIdAfter.get(String(orders[2].id)).status).toBe('paid')

    expect(await importHistory(api, made.id, daysAgo(25))).toMatchObject({ status: 'done', imported: 0, skipped: 7 })
    expect(await allOrders(api)).toHaveLength(7)
  })

  it('a Shopify token the shop refuses fails the import with the reason', async () => {
    const { api } = await registerStore(ctx.server.url)
    const made = await connect(api, 'shopify', { apiKey: 'shpat_unknown_token', shopDomain: 'shop1.myshopify.io' })
    const failed = await importHistory(api, made.id, daysAgo(5))
    expect(failed).toMatchObject({ status: 'failed', imported: 0, error: expect.stringContaining('Shopify refused the API key (401)') })
    expect(failed.error).not.toContain('shpat_unknown_token')
  })
}, { db: true, env: platformEnv(apis) })

describe('platform list APIs', () => {
  it('answer an unknown credential with the platform\'s authentication error', async () => {
    const response = await fetch(`${apis.url}/v1/charges`, { headers: { authorization: 'Bearer rk_test_nobody' } })
    expect(response.status).toBe(401)
    expect((await response.json()).error.type).toBe('invalid_request_error')
  })
})
