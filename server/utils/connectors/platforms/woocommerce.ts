import type { PaymentMethod } from '~shared/types/api'
import type { Connector, Facts, SaleItem } from '../types'
import { createHash } from 'node:crypto'
import { readPayload, requireCurrency, requireDecimal, requireString } from '../read-payload'
import { isBase64HmacSha256 } from '../signatures'

const PAID_STATUSES = new Set(['processing', 'completed', 'refunded'])
const CANCELLED_STATUSES = new Set(['cancelled', 'failed'])

function methodOf(method: unknown): PaymentMethod {
  if (method === 'cod')
    return 'cash'
  return method === 'bacs' || method === 'cheque' || !method ? 'other' : 'card'
}

function itemsOf(order: Record<string, any>, currency: string): SaleItem[] {
  const lines = Array.isArray(order.line_items) ? order.line_items : []
  return lines.map((line: Record<string, any>, index: number) => {
    const quantity = Number.isSafeInteger(line.quantity) && line.quantity > 0 ? line.quantity : 1
    return {
      name: String(line.name ?? `Line ${index + 1}`).slice(0, 200),
      sku: typeof line.sku === 'string' && line.sku ? line.sku.slice(0, 100) : null,
      quantity,
      unitPriceCents: Math.round(requireDecimal(line.total, currency, 'line_items.total') / quantity),
    }
  })
}

// The REST order is the whole state: applying it twice changes nothing, refunds are what Pulse lacks.
export function orderFacts(order: Record<string, any>, site: string | null): Facts {
  const id = requireString(order.id, 'id')
  const currency = requireCurrency(order.currency)
  const refunds = Array.isArray(order.refunds) ? order.refunds : []
  const refunded = refunds.reduce((sum: number, refund: any) => sum + Math.abs(requireDecimal(refund?.total, currency, 'refunds.total')), 0)
  const name = [order.billing?.first_name, order.billing?.last_name].filter(part => typeof part === 'string' && part).join(' ')
  return {
    kind: 'sale',
    refs: [id],
    url: site ? `${site}/wp-admin/post.php?post=${encodeURIComponent(id)}&action=edit` : null,
    currency,
    totalCents: requireDecimal(order.total, currency, 'total'),
    items: itemsOf(order, currency),
    customerName: name || null,
    ...(PAID_STATUSES.has(order.status) ? { paid: methodOf(order.payment_method) } : {}),
    ...(CANCELLED_STATUSES.has(order.status) ? { cancelled: true } : {}),
    refundedTotalCents: refunded,
  }
}

export function siteOf(source: string | null, shopDomain: string | null): string | null {
  if (source && /^https?:\/\/[^\s"'<>]+$/i.test(source))
    return source.replace(/\/+$/, '')
  return shopDomain ? `https://${shopDomain}` : null
}

export const woocommerceConnector: Connector = {
  platform: 'woocommerce',
  holdsRefunds: false,
  async verify({ body, headers }, secret) {
    return isBase64HmacSha256(secret, body, headers.get('x-wc-webhook-signature'))
  },
  parse({ body, headers, connection, text }) {
    const payload = readPayload(body, text)
    const topic = headers.get('x-wc-webhook-topic') ?? 'order.updated'
    const eventId = headers.get('x-wc-webhook-delivery-id') || createHash('sha256').update(topic).update(body).digest('hex')
    const facts: Facts = topic === 'order.created' || topic === 'order.updated' || topic === 'order.restored'
      ? orderFacts(payload, siteOf(headers.get('x-wc-webhook-source'), connection.shop_domain))
      : { kind: 'ignored', reason: `Pulse does not use ${topic} webhooks.` }
    return { eventId, eventType: topic, facts }
  },
}
