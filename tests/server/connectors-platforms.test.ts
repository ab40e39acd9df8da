import type { Api } from '../helpers/api'
import { expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { allOrders, expectApiError } from './support/api'
import { connect, deliver, fixture, shopifyDelivery, shopifyOrder, shopifyRefund, squareDelivery, squarePayment, squareRefund, wooDelivery, wooOrder } from './support/connectors'

async function summary(api: Api): Promise<any> {
  return (await api.get('/analytics/summary?range=today')).body
}

async function outcomes(api: Api, connectionId: string): Promise<string[]> {
  return (await api.get(`/connections/${connectionId}/deliveries?limit=100`)).body.deliveries.map((d: any) => d.outcome).reverse()
}

describeWithServer('Shopify webhooks', (ctx) => {
  async function freshStore(currency = 'USD'): Promise<{ api: Api, url: string, id: string }> {
    const { api } = await registerStore(ctx.server.url, { currency })
    const made = await connect(api, 'shopify')
    return { api, url: made.webhookUrl, id: made.id }
  }

  it('the published signed example verifies: {"foo": "bar"} under test_secret_key (Shopify/shopify-app-js)', async () => {
    const { api } = await registerStore(ctx.server.url)
    const made = await connect(api, 'shopify', { signingSecret: 'test_secret_key' })
    const headers = { 'x-shopify-topic': 'products/create', 'x-shopify-hmac-sha256': 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=', 'x-shopify-webhook-id': '123456789' }
    expect((await deliver(made.webhookUrl, { body: '{"foo": "bar"}', headers })).body).toEqual({ outcome: 'ignored' })
    expectApiError(await deliver(made.webhookUrl, { body: '{"foo":"bar"}', headers }), 401, 'invalid_signature')
  })

  it('orders/create (authorized) makes a pending order with its lines; orders/paid pays it; a repeated webhook id is a duplicate', async () => {
    const { api, url, id } = await freshStore()
    const order = shopifyOrder()
    expect((await deliver(url, shopifyDelivery('orders/create', order))).body.outcome).toBe('applied')
    let [made] = await allOrders(api)
    expect(made).toMatchObject({ status: 'pending', totalCents: 40994, customerName: 'Bob Norman', source: { platform: 'shopify', externalId: String(order.id), url: `https://shop1.myshopify.io/admin/orders/${order.id}` } })
    expect(made.items).toEqual(order.line_items.map((line: any) => ({ name: line.title, sku: line.sku, quantity: 1, unitPriceCents: 19900, lineTotalCents: 19900 })))
    const paid = shopifyDelivery('orders/paid', { ...order, financial_status: 'paid' })
    expect((await deliver(url, paid)).body.outcome).toBe('applied')
    expect((await deliver(url, paid)).body.outcome).toBe('duplicate')
    ;[made] = await allOrders(api)
    expect(made).toMatchObject({ status: 'paid', paidCents: 40994 })
    expect(await summary(api)).toMatchObject({ revenueCents: 40994, orderCount: 1 })
    expect(await outcomes(api, id)).toEqual(['applied', 'applied', 'duplicate'])
  })

  it('a refund before its order is held, then applied when the order arrives; refunds add up; a bad signature stores nothing', async () => {
    const { api, url, id } = await freshStore()
    const order = shopifyOrder({ financial_status: 'paid' })
    expectApiError(await deliver(url, shopifyDelivery('refunds/create', shopifyRefund(order.id), { secret: 'not-the-secret' })), 401, 'invalid_signature')
    expect((await deliver(url, shopifyDelivery('refunds/create', shopifyRefund(order.id)))).body.outcome).toBe('held')
    expect(await allOrders(api)).toEqual([])
    expect((await deliver(url, shopifyDelivery('orders/paid', order))).body.outcome).toBe('applied')
    let [made] = await allOrders(api)
    expect(made).toMatchObject({ status: 'paid', paidCents: 40994, refundedCents: 20900 })
    expect(await outcomes(api, id)).toEqual(['applied', 'applied'])
    expect((await deliver(url, shopifyDelivery('refunds/create', shopifyRefund(order.id, { amount: '200.94' })))).body.outcome).toBe('applied')
    ;[made] = await allOrders(api)
    expect(made).toMatchObject({ status: 'refunded', refundedCents: 40994 })
    expect(await summary(api)).toMatchObject({ revenueCents: 0, refundedCents: 40994 })
  })

  it('orders/cancelled cancels a pending order; another currency is other_currency; JPY amounts are whole yen', async () => {
    const { api, url } = await freshStore()
    const order = shopifyOrder()
    await deliver(url, shopifyDelivery('orders/create', order))
    expect((await deliver(url, shopifyDelivery('orders/cancelled', { ...order, cancelled_at: '2008-01-10T11:00:00-05:00' }))).body.outcome).toBe('applied')
    expect((await allOrders(api))[0]).toMatchObject({ status: 'cancelled', cancelledBy: { type: 'connection' } })
    expect((await deliver(url, shopifyDelivery('orders/paid', shopifyOrder({ currency: 'CAD' })))).body.outcome).toBe('other_currency')
    expect(await summary(api)).toMatchObject({ revenueCents: 0, orderCount: 0 })

    const yen = await freshStore('JPY')
    const jpy = shopifyOrder({ currency: 'JPY', total_price: '41000', financial_status: 'paid', line_items: shopifyOrder().line_items.map((line: any) => ({ ...line, price: '19900' })) })
    expect((await deliver(yen.url, shopifyDelivery('orders/paid', jpy))).body.outcome).toBe('applied')
    expect((await allOrders(yen.api))[0]).toMatchObject({ currency: 'JPY', totalCents: 41000, paidCents: 41000 })
    expect((await allOrders(yen.api))[0].items[0].unitPriceCents).toBe(19900)
    const fractional = shopifyOrder({ currency: 'JPY', total_price: '409.94' })
    expectApiError(await deliver(yen.url, shopifyDelivery('orders/create', fractional)), 400, 'invalid_payload')
  })
})

describeWithServer('Square webhooks', (ctx) => {
  async function freshStore(currency = 'USD'): Promise<{ api: Api, url: string, id: string }> {
    const { api } = await registerStore(ctx.server.url, { currency })
    const made = await connect(api, 'square')
    return { api, url: made.webhookUrl, id: made.id }
  }

  it('payments count once COMPLETED (POS sales have no order.created); refunds once COMPLETED, once per refund id', async () => {
    const { api, url, id } = await freshStore()
    const orderId = `o-${Date.now()}`
    const paymentId = `p-${Date.now()}`
    expect((await deliver(url, squareDelivery(url, squarePayment('payment.created.json', { orderId, paymentId })))).body.outcome).toBe('ignored')
    expect(await allOrders(api)).toEqual([])
    const completed = squareDelivery(url, squarePayment('payment.updated.json', { orderId, paymentId, amount: 2000 }))
    expect((await deliver(url, completed)).body.outcome).toBe('applied')
    expect((await deliver(url, completed)).body.outcome).toBe('duplicate')
    expect((await allOrders(api))[0]).toMatchObject({ status: 'paid', totalCents: 2000, source: { platform: 'square', externalId: orderId, url: `https://app.squareup.com/dashboard/sales/transactions/${paymentId}` } })
    const refundId = `r-${Date.now()}`
    expect((await deliver(url, squareDelivery(url, squareRefund('refund.created.json', { refundId, orderId, paymentId, amount: 500 })))).body.outcome).toBe('ignored')
    expect((await deliver(url, squareDelivery(url, squareRefund('refund.updated.json', { refundId, orderId, paymentId, amount: 500 })))).body.outcome).toBe('applied')
    // Another event about the same refund (a later update) gives nothing back twice.
    expect((await deliver(url, squareDelivery(url, squareRefund('refund.updated.json', { refundId, orderId, paymentId, amount: 500 })))).body.outcome).toBe('applied')
    expect((await deliver(url, squareDelivery(url, squareRefund('refund.updated.json', { orderId, paymentId, amount: 700, refundId: `${refundId}-2` })))).body.outcome).toBe('applied')
    expect((await allOrders(api))[0]).toMatchObject({ status: 'paid', refundedCents: 1200 })
    expect(await summary(api)).toMatchObject({ revenueCents: 800, refundedCents: 1200 })
    expect(await outcomes(api, id)).toEqual(['ignored', 'applied', 'duplicate', 'ignored', 'applied', 'applied', 'applied'])
    // order.created is not the POS signal (Square sends it only for orders made through its API).
    expect((await deliver(url, squareDelivery(url, { ...squarePayment('payment.updated.json'), type: 'order.created', data: { type: 'order', id: 'x', object: { order_created: { order_id: 'x' } } } }))).body.outcome).toBe('ignored')
  })

  it('signs URL + body: the same body signed for another URL is refused; a refund before its payment is held; cash; other currency; JPY', async () => {
    const { api, url } = await freshStore()
    const payment = squarePayment('payment.updated.json', { orderId: 'cash-order', paymentId: 'cash-pay', amount: 1500, sourceType: 'CASH' })
    expectApiError(await deliver(url, squareDelivery('https://elsewhere.example/hook', payment)), 401, 'invalid_signature')
    expect((await deliver(url, squareDelivery(url, squareRefund('refund.updated.json', { orderId: 'cash-order', paymentId: 'cash-pay', amount: 1500 })))).body.outcome).toBe('held')
    expect((await deliver(url, squareDelivery(url, payment))).body.outcome).toBe('applied')
    expect((await allOrders(api))[0]).toMatchObject({ status: 'refunded', paidCents: 1500, refundedCents: 1500 })
    expect((await summary(api)).byMethod.find((m: any) => m.method === 'cash')).toMatchObject({ amountCents: 1500, count: 1 })
    expect((await deliver(url, squareDelivery(url, squarePayment('payment.updated.json', { orderId: 'gbp', paymentId: 'gbp', currency: 'GBP' })))).body.outcome).toBe('other_currency')

    const yen = await freshStore('JPY')
    expect((await deliver(yen.url, squareDelivery(yen.url, squarePayment('payment.updated.json', { orderId: 'yen', paymentId: 'yen', amount: 980, currency: 'JPY' })))).body.outcome).toBe('applied')
    expect((await summary(yen.api)).revenueCents).toBe(980)
  })
})

describeWithServer('WooCommerce webhooks', (ctx) => {
  async function freshStore(currency = 'USD'): Promise<{ api: Api, url: string, id: string, secret: string }> {
    const { api } = await registerStore(ctx.server.url, { currency })
    const made = await connect(api, 'woocommerce')
    return { api, url: made.webhookUrl, id: made.id, secret: made.signingSecret! }
  }

  it('the unsigned set-up ping gets 200 and stores nothing; a processing order is paid with its lines; a repeat is a duplicate', async () => {
    const { api, url, id, secret } = await freshStore()
    const ping = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'webhook_id=15' })
    expect(ping.status).toBe(200)
    expect(await outcomes(api, id)).toEqual([])
    const order = wooOrder(727)
    const created = wooDelivery('order.created', order, secret)
    expect((await deliver(url, created)).body.outcome).toBe('applied')
    expect((await deliver(url, created)).body.outcome).toBe('duplicate')
    const [made] = await allOrders(api)
    expect(made).toMatchObject({ status: 'paid', totalCents: 2935, paidCents: 2935, customerName: 'John Doe', source: { platform: 'woocommerce', url: `https://example.com/wp-admin/post.php?post=${order.id}&action=edit` } })
    expect(made.items.map((i: any) => [i.name, i.quantity, i.lineTotalCents])).toEqual([['Woo Single #1', 2, 600], [order.line_items[1].name, 1, 1200]])
    // The same state again (WooCommerce sends order.updated on every save) changes nothing.
    expect((await deliver(url, wooDelivery('order.updated', order, secret))).body.outcome).toBe('applied')
    expect(await summary(api)).toMatchObject({ revenueCents: 2935, orderCount: 1 })
    expectApiError(await deliver(url, wooDelivery('order.updated', order, 'another-secret-entirely')), 401, 'invalid_signature')
    // Verified but unused: 2xx, so that WooCommerce never disables the webhook.
    const deleted = await deliver(url, wooDelivery('order.deleted', { id: order.id }, secret))
    expect({ status: deleted.status, body: deleted.body }).toEqual({ status: 200, body: { outcome: 'ignored' } })
    expect(await summary(api)).toMatchObject({ revenueCents: 2935, orderCount: 1 })
  })

  it('refunds inside order.updated apply as the difference from what Pulse has (in any order); cancelled and failed cancel; other currency; JPY', async () => {
    const { api, url, secret } = await freshStore()
    const full = wooOrder(723)
    const { refunds } = full
    // The refunds list grows: first only refund 726 (-10.00), then 726 and 724 (-9.00).
    expect((await deliver(url, wooDelivery('order.updated', { ...full, refunds: refunds.slice(0, 1) }, secret))).body.outcome).toBe('applied')
    expect((await allOrders(api))[0]).toMatchObject({ status: 'paid', paidCents: 3900, refundedCents: 1000 })
    expect((await deliver(url, wooDelivery('order.updated', full, secret))).body.outcome).toBe('applied')
    // An older state arriving late gives nothing back.
    expect((await deliver(url, wooDelivery('order.updated', { ...full, refunds: refunds.slice(0, 1) }, secret))).body.outcome).toBe('applied')
    expect((await allOrders(api))[0]).toMatchObject({ refundedCents: 1900 })
    expect(await summary(api)).toMatchObject({ revenueCents: 2000, refundedCents: 1900 })

    const pending = wooOrder(727, { status: 'pending' })
    await deliver(url, wooDelivery('order.created', pending, secret))
    expect((await deliver(url, wooDelivery('order.updated', { ...pending, status: 'failed' }, secret))).body.outcome).toBe('applied')
    expect((await allOrders(api)).find((o: any) => o.source.externalId === String(pending.id))).toMatchObject({ status: 'cancelled' })
    expect((await deliver(url, wooDelivery('order.created', wooOrder(727, { currency: 'BRL' }), secret))).body.outcome).toBe('other_currency')
    expectApiError(await deliver(url, wooDelivery('order.created', { ...pending, total: 'lots' }, secret)), 400, 'invalid_payload')

    const yen = await freshStore('JPY')
    const jpy = wooOrder(727, { currency: 'JPY', total: '2935', line_items: fixture('woocommerce', 'order-created.json').line_items.map((l: any) => ({ ...l, total: '600' })) })
    expect((await deliver(yen.url, wooDelivery('order.created', jpy, yen.secret))).body.outcome).toBe('applied')
    expect((await allOrders(yen.api))[0]).toMatchObject({ totalCents: 2935, currency: 'JPY' })
  })
})
