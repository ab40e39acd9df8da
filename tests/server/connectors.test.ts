import type { Api } from '../helpers/api'
import { beforeAll, describe, expect, it } from 'vitest'
import { stripeSignature } from '../../bench/lib/connector-fixtures.mjs'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { allOrders, expectApiError, readMetric, UNKNOWN_ID } from './support/api'
import { connect, deliver, STRIPE_SECRET, stripeCharge, stripeCheckoutSession, stripeEvent, stripePaymentIntent } from './support/connectors'
import { eventsAfter } from './support/stream'
import { addMember, del } from './support/team'

async function summary(api: Api): Promise<any> {
  return (await api.get('/analytics/summary?range=today')).body
}

describeWithServer('Connections', (ctx) => {
  let owner: Api

  beforeAll(async () => {
    owner = (await registerStore(ctx.server.url)).api
  })

  it('creates, lists, renames, rotates and deletes; a secret or API key is never returned again', async () => {
    const created = await owner.post('/connections', { platform: 'stripe', signingSecret: 'whsec_abcdefgh12345678', apiKey: 'rk_live_secret_read_key' })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({ id: expect.any(String), platform: 'stripe', name: 'Stripe', webhookUrl: `${ctx.server.url}/api/v1/webhooks/stripe/${created.body.id}`, createdAt: expect.any(String), lastEventAt: null, status: 'waiting', shopDomain: null })
    const woo = await owner.post('/connections', { platform: 'woocommerce', name: 'Web shop', shopDomain: 'Shop.Example' })
    expect(woo.status).toBe(201)
    expect(woo.body.signingSecret).toMatch(/^[0-9A-Z]{43}$/i)
    expect(woo.body.shopDomain).toBe('shop.example')
    const listed = await owner.get('/connections')
    expect(listed.body.connections.map((c: any) => c.id)).toEqual([created.body.id, woo.body.id])
    const text = JSON.stringify(listed.body)
    for (const secret of ['whsec_abcdefgh12345678', 'rk_live_secret_read_key', woo.body.signingSecret]) expect(text).not.toContain(secret)
    // The API key is kept (for the history import), not returned.
    expect((await ctx.db.all<any>('select api_key from connections where id = ?', [created.body.id]))[0].api_key).toBe('rk_live_secret_read_key')

    const renamed = await owner.patch(`/connections/${created.body.id}`, { name: 'Stripe (online)', signingSecret: 'whsec_rotated_secret_1' })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({ id: created.body.id, name: 'Stripe (online)' })
    expect(JSON.stringify(renamed.body)).not.toContain('whsec_')
    const single = await owner.get(`/connections/${created.body.id}`)
    expect(single.body).toMatchObject({ id: created.body.id, stats: { counts: { applied: 0, failed: 0 }, otherCurrency: [], lastFailures: [] } })
    expect((await del(owner, `/connections/${created.body.id}`)).status).toBe(204)
    expectApiError(await del(owner, `/connections/${created.body.id}`), 404, 'connection_not_found')
    expectApiError(await owner.get(`/connections/${created.body.id}/deliveries`), 404, 'connection_not_found')
  })

  it('refuses bad input with a 4xx and creates nothing', async () => {
    const { api } = await registerStore(ctx.server.url)
    expectApiError(await api.post('/connections', { platform: 'paypal', signingSecret: 'whsec_12345678' }), 400, 'validation_failed')
    expectApiError(await api.post('/connections', { platform: 'stripe', signingSecret: 'not-a-stripe-secret' }), 400, 'validation_failed')
    expectApiError(await api.post('/connections', { platform: 'shopify', signingSecret: 'short' }), 400, 'validation_failed')
    expectApiError(await api.post('/connections', { platform: 'shopify', signingSecret: 'long-enough-secret', shopDomain: 'https://x.myshopify.com/admin' }), 400, 'validation_failed')
    expectApiError(await api.post('/connections', { platform: 'square', signingSecret: 'long-enough-secret', extra: 1 }), 400, 'validation_failed')
    expectApiError(await api.post('/connections', 'platform=stripe', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type')
    expectApiError(await api.patch(`/connections/${UNKNOWN_ID}`, { name: 'x' }), 404, 'connection_not_found')
    expectApiError(await api.get('/connections/not-a-uuid/deliveries'), 404, 'connection_not_found')
    const made = await connect(api, 'square')
    expectApiError(await api.get(`/connections/${made.id}/deliveries?limit=0`), 400, 'validation_failed')
    expectApiError(await api.get(`/connections/${made.id}/deliveries?limit=101`), 400, 'validation_failed')
    expectApiError(await api.patch(`/connections/${made.id}`, { platform: 'stripe' }), 400, 'validation_failed')
    expect((await api.get('/connections')).body.connections).toHaveLength(1)
  })

  it('owners manage; managers may read; staff and API keys are refused with 403', async () => {
    const { api } = await registerStore(ctx.server.url)
    const made = await connect(api, 'shopify')
    const manager = await addMember(ctx.server, api, 'manager')
    const staff = await addMember(ctx.server, api, 'staff')
    expect((await manager.api.get('/connections')).status).toBe(200)
    expect((await manager.api.get(`/connections/${made.id}/deliveries`)).status).toBe(200)
    expectApiError(await manager.api.post('/connections', { platform: 'woocommerce' }), 403, 'forbidden')
    expectApiError(await manager.api.patch(`/connections/${made.id}`, { name: 'x' }), 403, 'forbidden')
    expectApiError(await del(manager.api, `/connections/${made.id}`), 403, 'forbidden')
    expectApiError(await staff.api.get('/connections'), 403, 'forbidden')
    const key = await api.post('/api-keys', { name: 'all', scopes: ['orders:write', 'orders:read', 'analytics:read', 'events:read'] })
    const { Api: ApiClass } = await import('../helpers/api')
    expectApiError(await new ApiClass(ctx.server.url, key.body.key).get('/connections'), 403, 'forbidden')
    expect((await api.get('/connections')).body.connections).toHaveLength(1)
  })

  it('stripe and Square show their secret after the URL is registered: a connection without one refuses every delivery until it is pasted', async () => {
    const { api } = await registerStore(ctx.server.url)
    const created = await api.post('/connections', { platform: 'stripe' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ status: 'needs_secret' })
    expect(created.body.signingSecret).toBeUndefined()
    const delivery = stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 100 }))
    expectApiError(await deliver(created.body.webhookUrl, delivery), 401, 'invalid_signature')
    expect((await api.patch(`/connections/${created.body.id}`, { signingSecret: STRIPE_SECRET })).body.status).toBe('waiting')
    expect((await deliver(created.body.webhookUrl, delivery)).body.outcome).toBe('applied')
    expect((await api.get('/connections')).body.connections[0].status).toBe('receiving')
  })
}, { db: true })

describeWithServer('Stripe webhooks', (ctx) => {
  let owner: Api
  let stripe: { id: string, webhookUrl: string }

  beforeAll(async () => {
    owner = (await registerStore(ctx.server.url)).api
    stripe = await connect(owner, 'stripe')
  })

  async function freshStore(currency = 'USD'): Promise<{ api: Api, url: string, id: string }> {
    const { api } = await registerStore(ctx.server.url, { currency })
    const made = await connect(api, 'stripe')
    return { api, url: made.webhookUrl, id: made.id }
  }

  it('payment_intent.succeeded makes a paid order through the store write: events, figures, source, actor; a repeat is a duplicate', async () => {
    const { api, url, id } = await freshStore()
    const intent = stripePaymentIntent({ amount: 1099 })
    const delivery = stripeEvent('payment_intent.succeeded', intent)
    const answer = await deliver(url, delivery)
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: { outcome: 'applied' } })
    const [order] = await allOrders(api)
    expect(order).toMatchObject({ status: 'paid', totalCents: 1099, paidCents: 1099, currency: 'USD', createdBy: { type: 'connection', id, name: 'Stripe' }, source: { platform: 'stripe', connectionId: id, externalId: intent.id, url: `https://dashboard.stripe.com/test/payments/${intent.id}` } })
    expect(await summary(api)).toMatchObject({ revenueCents: 1099, orderCount: 1, paidOrderCount: 1 })
    const events = await eventsAfter(ctx.server, api, 0)
    // One sale, one event: the order comes in paid and carries its payment.
    expect(events.map(e => e.data.type)).toEqual(['order_created'])
    expect(events[0].data.order).toMatchObject({ status: 'paid', totalCents: 1099, paidCents: 1099 })
    // Every dashboard gets the event: the chip and its link, the ids only on the API's order.
    expect(events[0].data.order.source).toEqual({ platform: 'stripe', url: `https://dashboard.stripe.com/test/payments/${intent.id}` })
    expect(events[0].data.payment).toMatchObject({ amountCents: 1099, method: 'card' })
    expect((await api.get(`/orders/${order.id}/payments`)).body.payments).toMatchObject([{ amountCents: 1099, method: 'card' }])

    expect((await deliver(url, delivery)).body).toEqual({ outcome: 'duplicate' })
    expect(await allOrders(api)).toHaveLength(1)
    expect((await summary(api)).revenueCents).toBe(1099)
    const deliveries = (await api.get(`/connections/${id}/deliveries`)).body.deliveries
    expect(deliveries).toEqual([
      { receivedAt: expect.any(String), platform: 'stripe', eventType: 'payment_intent.succeeded', externalId: null, outcome: 'duplicate' },
      { receivedAt: expect.any(String), platform: 'stripe', eventType: 'payment_intent.succeeded', externalId: intent.id, outcome: 'applied' },
    ])
    const connection = (await api.get('/connections')).body.connections[0]
    expect(connection).toMatchObject({ status: 'receiving', lastEventAt: expect.any(String) })
  })

  it('the same event delivered five times at once is applied once', async () => {
    const { api, url } = await freshStore()
    const delivery = stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 777 }))
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(url, delivery)))
    expect(answers.map(answer => answer.body.outcome).sort()).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate'])
    expect(await allOrders(api)).toHaveLength(1)
    expect((await summary(api)).revenueCents).toBe(777)
  })

  it('a bad, missing or stale signature (a replay past 300 s) is a 401 and stores nothing; it is counted', async () => {
    const { api, url, id } = await freshStore()
    const before = await readMetric(ctx.server, 'pulse_webhook_deliveries_total{platform="stripe",outcome="invalid_signature"}')
    const intent = stripePaymentIntent({ amount: 500 })
    const wrongSecret = stripeEvent('payment_intent.succeeded', intent, { secret: 'whsec_someone_else' })
    expectApiError(await api.request('POST', url.replace(`${ctx.server.url}/api/v1`, ''), undefined), 401, 'invalid_signature')
    expectApiError(await deliver(url, wrongSecret), 401, 'invalid_signature')
    const stale = stripeEvent('payment_intent.succeeded', intent, { timestamp: Math.floor(Date.now() / 1000) - 301 })
    expectApiError(await deliver(url, stale), 401, 'invalid_signature')
    const fresh = stripeEvent('payment_intent.succeeded', intent)
    const tampered = { body: fresh.body.replace('"amount_received": 500', '"amount_received": 50000'), headers: fresh.headers }
    expect(tampered.body).not.toBe(fresh.body)
    expectApiError(await deliver(url, tampered), 401, 'invalid_signature')
    expect(await allOrders(api)).toEqual([])
    expect((await api.get(`/connections/${id}/deliveries`)).body.deliveries).toEqual([])
    expect(await readMetric(ctx.server, 'pulse_webhook_deliveries_total{platform="stripe",outcome="invalid_signature"}')).toBe(before + 4)
  })

  it('checkout.session.completed and payment_intent.succeeded of one purchase make one order, whichever comes first', async () => {
    const { api, url } = await freshStore()
    const intent = stripePaymentIntent({ amount: 2500 })
    expect((await deliver(url, stripeEvent('checkout.session.completed', stripeCheckoutSession({ paymentIntent: intent.id as string, amount: 2500 })))).body.outcome).toBe('applied')
    expect((await deliver(url, stripeEvent('payment_intent.succeeded', intent))).body.outcome).toBe('applied')
    const orders = await allOrders(api)
    expect(orders).toHaveLength(1)
    expect(orders[0]).toMatchObject({ status: 'paid', paidCents: 2500, source: { externalId: intent.id } })
    expect((await summary(api)).revenueCents).toBe(2500)
    const unpaid = { ...stripeCheckoutSession({ paymentIntent: 'pi_unpaid', amount: 10 }), payment_status: 'unpaid' }
    expect((await deliver(url, stripeEvent('checkout.session.completed', unpaid))).body.outcome).toBe('ignored')
    expect((await deliver(url, stripeEvent('charge.dispute.created', { object: 'dispute', id: 'dp_1' }))).body.outcome).toBe('ignored')
  })

  it('charge.refunded before its payment: the charge makes the order; cumulative amount_refunded refunds only the increase', async () => {
    const { api, url } = await freshStore()
    const intent = stripePaymentIntent({ amount: 4000 })
    const piId = intent.id as string
    expect((await deliver(url, stripeEvent('charge.refunded', stripeCharge({ paymentIntent: piId, amount: 4000, amountRefunded: 1000 })))).body.outcome).toBe('applied')
    let [order] = await allOrders(api)
    expect(order).toMatchObject({ status: 'paid', paidCents: 4000, refundedCents: 1000, customerName: 'Jenny Rosen' })
    expect((await deliver(url, stripeEvent('charge.refunded', stripeCharge({ paymentIntent: piId, amount: 4000, amountRefunded: 1500 })))).body.outcome).toBe('applied')
    // Stripe may resend an older state: an amount_refunded below what Pulse has refunds nothing.
    expect((await deliver(url, stripeEvent('charge.refunded', stripeCharge({ paymentIntent: piId, amount: 4000, amountRefunded: 1000 })))).body.outcome).toBe('applied')
    expect((await deliver(url, stripeEvent('payment_intent.succeeded', intent))).body.outcome).toBe('applied')
    ;[order] = await allOrders(api)
    expect(order).toMatchObject({ status: 'paid', paidCents: 4000, refundedCents: 1500 })
    expect(await summary(api)).toMatchObject({ revenueCents: 2500, refundedCents: 1500, orderCount: 1 })
    expect((await deliver(url, stripeEvent('charge.refunded', stripeCharge({ paymentIntent: piId, amount: 4000, amountRefunded: 4000 })))).body.outcome).toBe('applied')
    ;[order] = await allOrders(api)
    expect(order).toMatchObject({ status: 'refunded', refundedCents: 4000, refundedBy: { type: 'connection' } })
    expect(await summary(api)).toMatchObject({ revenueCents: 0, refundedCents: 4000 })
  })

  it('a sale in another currency is other_currency: never in the figures; the connection says how many and how much', async () => {
    const { api, url, id } = await freshStore()
    expect((await deliver(url, stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 1250, currency: 'eur' })))).body.outcome).toBe('other_currency')
    expect((await deliver(url, stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 750, currency: 'eur' })))).body.outcome).toBe('other_currency')
    expect(await allOrders(api)).toEqual([])
    expect((await summary(api)).revenueCents).toBe(0)
    const single = (await api.get(`/connections/${id}`)).body
    expect(single.stats.otherCurrency).toEqual([{ currency: 'EUR', count: 2, amountCents: 2000 }])
    expect(single.stats.counts.other_currency).toBe(2)
  })

  it('a zero-decimal currency: 1099 JPY is 1099 yen in a JPY store', async () => {
    const { api, url } = await freshStore('JPY')
    expect((await deliver(url, stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 1099, currency: 'jpy' })))).body.outcome).toBe('applied')
    expect((await allOrders(api))[0]).toMatchObject({ currency: 'JPY', totalCents: 1099 })
    expect((await summary(api)).revenueCents).toBe(1099)
  })

  it('a verified body that is not a Stripe event is 400 invalid_payload, recorded as failed; unknown connections are 404', async () => {
    const { api, url, id } = await freshStore()
    const event = stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 100 }))
    const notAnEvent = { body: '{"object":"list"}', headers: stripeEvent('x', {}).headers }
    notAnEvent.headers['stripe-signature'] = stripeSignature(notAnEvent.body, STRIPE_SECRET)
    expectApiError(await deliver(url, notAnEvent), 400, 'invalid_payload')
    const single = (await api.get(`/connections/${id}`)).body
    expect(single.status).toBe('failing')
    expect(single.stats.lastFailures).toEqual([{ receivedAt: expect.any(String), platform: 'stripe', eventType: 'unknown', externalId: null, outcome: 'failed', error: expect.stringContaining('not a Stripe event') }])
    expectApiError(await deliver(`${ctx.server.url}/api/v1/webhooks/stripe/${UNKNOWN_ID}`, event), 404, 'connection_not_found')
    expectApiError(await deliver(url.replace('/stripe/', '/shopify/'), event), 404, 'connection_not_found')
    expectApiError(await deliver(url.replace('/stripe/', '/paypal/'), event), 404, 'connection_not_found')
    expect(await allOrders(api)).toEqual([])
  })

  it('takes bodies up to 5 MB on this route only (other routes keep 64 KiB)', async () => {
    const { api, url } = await freshStore()
    const intent = { ...stripePaymentIntent({ amount: 300 }), description: 'x'.repeat(3 * 1024 * 1024) }
    expect((await deliver(url, stripeEvent('payment_intent.succeeded', intent))).body.outcome).toBe('applied')
    const tooBig = { ...stripePaymentIntent({ amount: 300 }), description: 'x'.repeat(5 * 1024 * 1024) }
    expectApiError(await deliver(url, stripeEvent('payment_intent.succeeded', tooBig)), 413, 'payload_too_large')
    expectApiError(await api.post('/connections', { platform: 'woocommerce', name: 'x'.repeat(70 * 1024) }), 413, 'payload_too_large')
    expect(await allOrders(api)).toHaveLength(1)
  })

  it('after a rotation the previous secret keeps verifying (24 h), the new one too', async () => {
    const { api, url, id } = await freshStore()
    expect((await api.patch(`/connections/${id}`, { signingSecret: 'whsec_the_new_secret' })).status).toBe(200)
    expect((await deliver(url, stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 100 })))).body.outcome).toBe('applied')
    expect((await deliver(url, stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 200 }), { secret: 'whsec_the_new_secret' }))).body.outcome).toBe('applied')
    expectApiError(await deliver(url, stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 300 }), { secret: 'whsec_neither' })), 401, 'invalid_signature')
    expect((await summary(api)).revenueCents).toBe(300)
    // Stripe may send several v1 signatures (during its own rotation): one that matches is enough.
    const both = stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 400 }), { secret: 'whsec_the_new_secret' })
    const [timestamp, good] = both.headers['stripe-signature'].split(',')
    both.headers['stripe-signature'] = `${timestamp},v1=${'0'.repeat(64)},${good}`
    expect((await deliver(url, both)).body.outcome).toBe('applied')
    expect((await summary(api)).revenueCents).toBe(700)
  })

  it('a rotation or a deletion holds from the very next delivery, however many deliveries read the connection before', async () => {
    const { api, url, id } = await freshStore()
    for (const amount of [100, 200]) expect((await deliver(url, stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount })))).body.outcome).toBe('applied')
    expect((await api.patch(`/connections/${id}`, { signingSecret: 'whsec_the_second_secret' })).status).toBe(200)
    expect((await api.patch(`/connections/${id}`, { signingSecret: 'whsec_the_third_secret' })).status).toBe(200)
    // The first secret is neither the connection's secret nor the one before it any more.
    expectApiError(await deliver(url, stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 300 }))), 401, 'invalid_signature')
    expect((await deliver(url, stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 400 }), { secret: 'whsec_the_third_secret' }))).body.outcome).toBe('applied')
    expect((await deliver(url, stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 800 }), { secret: 'whsec_the_second_secret' }))).body.outcome).toBe('applied')
    expect((await summary(api)).revenueCents).toBe(1500)
    expect((await del(api, `/connections/${id}`)).status).toBe(204)
    expectApiError(await deliver(url, stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 1600 }), { secret: 'whsec_the_third_secret' })), 404, 'connection_not_found')
    expect((await summary(api)).revenueCents).toBe(1500)
  })

  it('the summary counts orders and money collected by source (pulse, api, each platform), cancelled orders left out', async () => {
    const { api, url } = await freshStore()
    expect((await summary(api)).bySource).toEqual([])
    const typed = (await api.post('/orders', { items: [{ name: 'Latte', quantity: 1, unitPriceCents: 450 }] })).body
    await api.post(`/orders/${typed.id}/payments`, { amountCents: 450, method: 'cash' })
    await api.post('/orders', { items: [{ name: 'Bagel', quantity: 1, unitPriceCents: 300 }] })
    const cancelled = (await api.post('/orders', { items: [{ name: 'Cake', quantity: 1, unitPriceCents: 900 }] })).body
    await api.patch(`/orders/${cancelled.id}`, { status: 'cancelled' })
    const key = (await api.post('/api-keys', { name: 'Till', scopes: ['orders:write'] })).body.key
    const { Api: ApiClass } = await import('../helpers/api')
    expect((await new ApiClass(ctx.server.url, key).post('/orders', { items: [{ name: 'Tea', quantity: 2, unitPriceCents: 200 }] })).status).toBe(201)
    const piId = stripePaymentIntent({ amount: 5000 }).id as string
    await deliver(url, stripeEvent('charge.refunded', stripeCharge({ paymentIntent: piId, amount: 5000, amountRefunded: 1000 })))
    await deliver(url, stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 700 })))
    expect((await summary(api)).bySource).toEqual([
      { source: 'pulse', orderCount: 2, revenueCents: 450 },
      { source: 'api', orderCount: 1, revenueCents: 0 },
      { source: 'stripe', orderCount: 2, revenueCents: 4700 },
    ])
    // A store without connections does not pay for the query.
    expect((await summary(owner)).bySource).toBeDefined()
    const plain = (await registerStore(ctx.server.url)).api
    expect((await summary(plain)).bySource).toBeUndefined()
  })

  describe('the shared store', () => {
    it('the connection of another store cannot be read or deleted', async () => {
      const other = (await registerStore(ctx.server.url)).api
      expectApiError(await other.get(`/connections/${stripe.id}`), 404, 'connection_not_found')
      expectApiError(await del(other, `/connections/${stripe.id}`), 404, 'connection_not_found')
      expect((await owner.get(`/connections/${stripe.id}`)).status).toBe(200)
    })
  })
})
