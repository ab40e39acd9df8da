import type { PaymentMethod } from '~shared/types/api'
import type { Connector, Facts, SaleItem } from '../types'
import { createHash } from 'node:crypto'
import { readPayload, requireCurrency, requireDecimal, requireString } from '../read-payload'
import { isBase64HmacSha256 } from '../signatures'
import { InvalidPayload } from '../types'

const ORDER_TOPICS = new Set(['orders/create', 'orders/paid', 'orders/cancelled', 'orders/updated'])
const PAID_STATUSES = new Set(['paid', 'partially_refunded', 'refunded'])

function methodOf(gateway: unknown): PaymentMethod {
  if (gateway === 'cash')
    return 'cash'
  return gateway === 'manual' ? 'other' : 'card'
}

function customerOf(order: Record<string, any>): string | null {
  const customer = order.customer ?? order.billing_address
  const name = [customer?.first_name, customer?.last_name].filter(part => typeof part === 'string' && part).join(' ')
  return name || null
}

function itemsOf(order: Record<string, any>, currency: string): SaleItem[] {
  const lines = Array.isArray(order.line_items) ? order.line_items : []
  return lines.map((line: Record<string, any>, index: number) => ({
    name: String(line.title ?? line.name ?? `Line ${index + 1}`).slice(0, 200),
    sku: typeof line.sku === 'string' && line.sku ? line.sku.slice(0, 100) : null,
    quantity: Number.isSafeInteger(line.quantity) && line.quantity > 0 ? line.quantity : 1,
    unitPriceCents: requireDecimal(line.price, currency, 'line_items.price'),
  }))
}

/** An order as a sale; `topic` says what the platform said happened (the history import reads it as `orders/updated`). */
export function orderFacts(topic: string, order: Record<string, any>, shop: string | null): Facts {
  const id = requireString(order.id, 'id')
  const currency = requireCurrency(order.currency)
  const paid = topic === 'orders/paid' || PAID_STATUSES.has(order.financial_status)
  return {
    kind: 'sale',
    refs: [id],
    url: shop ? `https://${shop}/admin/orders/${encodeURIComponent(id)}` : null,
    currency,
    totalCents: requireDecimal(order.total_price, currency, 'total_price'),
    items: itemsOf(order, currency),
    customerName: customerOf(order),
    ...(paid ? { paid: methodOf(order.gateway ?? order.payment_gateway_names?.[0]) } : {}),
    ...(topic === 'orders/cancelled' || order.cancelled_at ? { cancelled: true } : {}),
  }
}

// A refund's money is its successful refund transactions (a refund can also only restock).
export function refundFacts(refund: Record<string, any>): Facts {
  const transactions = (Array.isArray(refund.transactions) ? refund.transactions : []).filter((t: any) => t?.kind === 'refund' && t?.status === 'success')
  if (transactions.length === 0)
    return { kind: 'ignored', reason: 'The refund moved no money.' }
  const currency = requireCurrency(transactions[0].currency)
  const amountCents = transactions.reduce((sum: number, t: any) => sum + requireDecimal(t.amount, currency, 'transactions.amount'), 0)
  return { kind: 'refund', refs: [requireString(refund.order_id, 'order_id')], refundId: requireString(refund.id, 'id'), currency, amountCents }
}

export const shopifyConnector: Connector = {
  platform: 'shopify',
  holdsRefunds: true,
  async verify({ body, headers }, secret) {
    return isBase64HmacSha256(secret, body, headers.get('x-shopify-hmac-sha256'))
  },
  parse({ body, headers, connection, text }) {
    const payload = readPayload(body, text)
    const topic = headers.get('x-shopify-topic') ?? ''
    if (!topic)
      throw new InvalidPayload('X-Shopify-Topic is missing.')
    // Shopify sends the same X-Shopify-Webhook-Id with every retry of a delivery.
    const eventId = headers.get('x-shopify-webhook-id') || createHash('sha256').update(topic).update(body).digest('hex')
    const shop = connection.shop_domain ?? headers.get('x-shopify-shop-domain')
    const facts = ORDER_TOPICS.has(topic)
      ? orderFacts(topic, payload, shop)
      : topic === 'refunds/create'
        ? refundFacts(payload)
        : { kind: 'ignored' as const, reason: `Pulse does not use ${topic} webhooks.` }
    return { eventId, eventType: topic, facts }
  },
}
