import type { Api, ApiResponse } from '../../helpers/api'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { fixture, hmacBase64, stripeSignature } from '../../../bench/lib/connector-fixtures.mjs'

export { fixture }

export const STRIPE_SECRET = 'whsec_test_pulse_connector_secret'
export const SHOPIFY_SECRET = 'shopify-app-secret-for-tests'
export const SQUARE_SECRET = 'Ibxx_5AKakO-3qeNVR61Dw'

function unique(prefix: string): string {
  return `${prefix}${randomUUID().replaceAll('-', '').slice(0, 20)}`
}

export interface Delivery { body: string, headers: Record<string, string> }

/** Posts a delivery to the connection's webhook URL as the platform would (no session, no cookie). */
export async function deliver(webhookUrl: string, delivery: Delivery): Promise<ApiResponse> {
  const response = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...delivery.headers }, body: delivery.body })
  const text = await response.text()
  let body: any = text
  try {
    body = JSON.parse(text)
  }
  catch {}
  return { status: response.status, body, headers: response.headers }
}

export async function connect(owner: Api, platform: string, extra: Record<string, unknown> = {}): Promise<{ id: string, webhookUrl: string, signingSecret?: string }> {
  const secrets: Record<string, string> = { stripe: STRIPE_SECRET, shopify: SHOPIFY_SECRET, square: SQUARE_SECRET }
  const created = await owner.post('/connections', { platform, ...(secrets[platform] ? { signingSecret: secrets[platform] } : {}), ...extra })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body
}

// The platforms' own payloads (tests/fixtures/connectors/README.md names their sources); each helper
// below says what a test changes in its copy.

// Stripe: objects from stripe/openapi fixtures3.json in an event envelope (its `event` fixture), signed by
// the stripe package's own test header. Tests set ids, amounts, currency and the succeeded/paid states.

export function stripeEvent(type: string, object: Record<string, unknown>, options: { secret?: string, timestamp?: number, eventId?: string } = {}): Delivery {
  const event = { ...fixture('stripe', 'event.json'), id: options.eventId ?? unique('evt_'), type, data: { object } }
  const body = JSON.stringify(event, null, 2)
  const header = stripeSignature(body, options.secret ?? STRIPE_SECRET, options.timestamp)
  return { body, headers: { 'stripe-signature': header } }
}

export function stripePaymentIntent(fields: { id?: string, amount: number, currency?: string }): Record<string, unknown> {
  const id = fields.id ?? unique('pi_')
  return { ...fixture('stripe', 'payment_intent.json'), id, amount: fields.amount, amount_received: fields.amount, currency: fields.currency ?? 'usd', status: 'succeeded' }
}

export function stripeCharge(fields: { paymentIntent: string, amount: number, amountRefunded: number, currency?: string }): Record<string, unknown> {
  return { ...fixture('stripe', 'charge.json'), id: `ch_${fields.paymentIntent.slice(3)}`, payment_intent: fields.paymentIntent, amount: fields.amount, amount_captured: fields.amount, amount_refunded: fields.amountRefunded, refunded: fields.amountRefunded >= fields.amount, currency: fields.currency ?? 'usd' }
}

export function stripeCheckoutSession(fields: { paymentIntent: string, amount: number, currency?: string }): Record<string, unknown> {
  return { ...fixture('stripe', 'checkout.session.json'), payment_intent: fields.paymentIntent, amount_total: fields.amount, amount_subtotal: fields.amount, currency: fields.currency ?? 'usd', status: 'complete', payment_status: 'paid' }
}

// Shopify: order.json and refund.json from Shopify/shopify-api-ruby, signed as Shopify signs them.

export function shopifySign(body: string, secret = SHOPIFY_SECRET): string {
  return hmacBase64(secret, body)
}

export function shopifyDelivery(topic: string, payload: unknown, options: { webhookId?: string, secret?: string } = {}): Delivery {
  const body = JSON.stringify(payload)
  return { body, headers: { 'x-shopify-topic': topic, 'x-shopify-hmac-sha256': shopifySign(body, options.secret), 'x-shopify-webhook-id': options.webhookId ?? randomUUID(), 'x-shopify-shop-domain': 'shop1.myshopify.io' } }
}

/** The fixture order with a fresh id (and, for a case, another currency and amounts). */
export function shopifyOrder(overrides: Record<string, unknown> = {}): Record<string, any> {
  return { ...fixture('shopify', 'order.json').order, id: Math.floor(Math.random() * 1e12), ...overrides }
}

export function shopifyRefund(orderId: number, overrides: { amount?: string, currency?: string } = {}): Record<string, any> {
  const refund = fixture('shopify', 'refund.json').refund
  return { ...refund, id: Math.floor(Math.random() * 1e12), order_id: orderId, transactions: refund.transactions.map((t: any) => ({ ...t, order_id: orderId, amount: overrides.amount ?? t.amount, currency: overrides.currency ?? t.currency })) }
}

// Square: the event examples of square/connect-api-specification api.json, signed over URL + body.

export function squareSign(url: string, body: string, key = SQUARE_SECRET): string {
  return hmacBase64(key, url + body)
}

export function squareDelivery(url: string, event: Record<string, any>, key?: string): Delivery {
  const body = JSON.stringify(event)
  return { body, headers: { 'x-square-hmacsha256-signature': squareSign(url, body, key) } }
}

export function squarePayment(file: 'payment.created.json' | 'payment.updated.json', fields: { orderId?: string, paymentId?: string, amount?: number, currency?: string, sourceType?: string } = {}): Record<string, any> {
  const event = fixture('square', file)
  const payment = event.data.object.payment
  const money = { amount: fields.amount ?? payment.amount_money.amount, currency: fields.currency ?? payment.amount_money.currency }
  Object.assign(payment, { id: fields.paymentId ?? payment.id, order_id: fields.orderId ?? payment.order_id, amount_money: money, total_money: money, ...(fields.sourceType ? { source_type: fields.sourceType } : {}) })
  return { ...event, event_id: randomUUID(), data: { ...event.data, id: payment.id } }
}

export function squareRefund(file: 'refund.created.json' | 'refund.updated.json', fields: { refundId?: string, orderId: string, paymentId: string, amount: number, currency?: string }): Record<string, any> {
  const event = fixture('square', file)
  Object.assign(event.data.object.refund, { id: fields.refundId ?? event.data.object.refund.id, order_id: fields.orderId, payment_id: fields.paymentId, amount_money: { amount: fields.amount, currency: fields.currency ?? 'USD' } })
  return { ...event, event_id: randomUUID() }
}

// WooCommerce: the orders of woocommerce-rest-api-docs _orders.md, signed as WooCommerce signs them.

export function wooDelivery(topic: string, payload: unknown, secret: string, deliveryId = randomUUID()): Delivery {
  const body = JSON.stringify(payload)
  return { body, headers: { 'x-wc-webhook-topic': topic, 'x-wc-webhook-signature': hmacBase64(secret, body), 'x-wc-webhook-delivery-id': deliveryId, 'x-wc-webhook-source': 'https://example.com/' } }
}

/** Order 727 (processing) of "Create an order", or order 723 (completed, two refunds) of "List all orders". */
export function wooOrder(which: 727 | 723, overrides: Record<string, unknown> = {}): Record<string, any> {
  const order = which === 727 ? fixture('woocommerce', 'order-created.json') : fixture('woocommerce', 'orders-list.json').find((o: any) => o.id === 723)
  return { ...order, id: Math.floor(Math.random() * 1e9), ...overrides }
}
