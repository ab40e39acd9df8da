import type { Api } from '../helpers/api'
import type { PlatformApis } from './support/platform-apis'
import { afterAll, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { waitUntil } from '../helpers/wait'
import { allOrders } from './support/api'
import { connect, deliver, squareDelivery, squarePayment, wooDelivery } from './support/connectors'
import { platformEnv, squarePayments, startPlatformApis, uniqueKey, wooOrders } from './support/platform-apis'

const apis: PlatformApis = await startPlatformApis()
afterAll(() => apis.close())

const nowSeconds = Math.floor(Date.now() / 1000)
function pastTimes(count: number): number[] {
  return Array.from({ length: count }, (_, i) => nowSeconds - 3600 - i * 7919)
}
const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10)

async function importHistory(api: Api, id: string): Promise<any> {
  const started = await api.post(`/connections/${id}/backfill`, { since })
  expect(started.status, JSON.stringify(started.body)).toBe(202)
  return waitUntil(async () => {
    const state = await api.get(`/connections/${id}/backfill`)
    return state.body.status !== 'running' && state.body
  }, 'the import to finish', 30_000, 100)
}

describeWithServer('History import from Square and WooCommerce', (ctx) => {
  it('imports Square payments through Square\'s client (cursor pages, a 429 it waits out), and their later webhook is the same order', async () => {
    const { api } = await registerStore(ctx.server.url)
    const key = uniqueKey('EAAA')
    const payments = squarePayments(pastTimes(5))
    apis.serve('square', key, payments, { pageSize: 2, faults: [{ onRequest: 2, status: 429, retryAfter: '1' }] })
    const made = await connect(api, 'square', { apiKey: key })
    expect(await importHistory(api, made.id)).toMatchObject({ status: 'done', imported: 5, skipped: 0, otherCurrency: 0 })
    const requests = apis.requests('square', key)
    expect(requests.map(url => url.searchParams.get('cursor'))).toEqual([null, '2', '2', '4'])
    expect(requests[0].searchParams.get('begin_time')).toBe(new Date(`${since}T00:00:00Z`).toISOString())

    const orders = await allOrders(api)
    expect(orders).toHaveLength(5)
    const byOrder = new Map(orders.map(o => [o.source.externalId, o]))
    for (const payment of payments) {
      const order = byOrder.get(payment.order_id)
      expect(Date.parse(order.createdAt)).toBe(Date.parse(payment.created_at))
      expect(order).toMatchObject({ status: 'paid', totalCents: payment.total_money.amount })
    }
    // Square's payment.updated webhook for an imported payment: the same order.
    const event = squarePayment('payment.updated.json', { paymentId: payments[3].id, orderId: payments[3].order_id, amount: payments[3].total_money.amount })
    event.data.object.payment.status = 'COMPLETED'
    expect((await deliver(made.webhookUrl, squareDelivery(made.webhookUrl, event))).status).toBe(200)
    expect(await allOrders(api)).toHaveLength(5)
    expect(await importHistory(api, made.id)).toMatchObject({ status: 'done', imported: 0, skipped: 5 })
  })

  it('a Square token Square refuses fails the import', async () => {
    const { api } = await registerStore(ctx.server.url)
    const made = await connect(api, 'square', { apiKey: 'EAAA_unknown' })
    expect(await importHistory(api, made.id)).toMatchObject({ status: 'failed', imported: 0, error: expect.stringContaining('Square refused the access token (401)') })
  })

  it('imports WooCommerce orders page by page up to X-WP-TotalPages, with their refunds, and a later order.updated is the same order', async () => {
    const { api } = await registerStore(ctx.server.url)
    const key = `ck_${uniqueKey('')}:cs_${uniqueKey('')}`
    const orders = wooOrders(pastTimes(5))
    apis.serve('woocommerce', key, orders, { pageSize: 2, faults: [{ onRequest: 3, status: 429, retryAfter: '1' }] })
    const made = await connect(api, 'woocommerce', { apiKey: key, shopDomain: 'shop.example' })
    expect(await importHistory(api, made.id)).toMatchObject({ status: 'done', imported: 5, skipped: 0 })
    expect(apis.requests('woocommerce', key).map(url => url.searchParams.get('page'))).toEqual(['1', '2', '3', '3'])

    const imported = await allOrders(api)
    expect(imported).toHaveLength(5)
    const byId = new Map(imported.map(o => [o.source.externalId, o]))
    for (const order of orders) {
      // Order 723: 39.00, completed, refunds of 10.00 and 9.00.
      expect(byId.get(String(order.id))).toMatchObject({ totalCents: 3900, refundedCents: 1900, status: 'paid' })
      expect(Date.parse(byId.get(String(order.id)).createdAt)).toBe(Date.parse(`${order.date_created_gmt}Z`))
    }
    const hook = await deliver(made.webhookUrl, wooDelivery('order.updated', orders[1], made.signingSecret!))
    expect(hook.status).toBe(200)
    const after = await allOrders(api)
    expect(after).toHaveLength(5)
    expect(after.find(o => o.source.externalId === String(orders[1].id)).refundedCents).toBe(1900)
  })
}, { env: platformEnv(apis) })
