import type { PaymentMethod } from '~shared/types/api'
import type { Connector, Facts } from '../types'
import { readPayload, requireCurrency, requireMinor, requireObject, requireString } from '../read-payload'
import { isBase64HmacSha256 } from '../signatures'

function methodOf(sourceType: unknown): PaymentMethod {
  if (sourceType === 'CARD')
    return 'card'
  return sourceType === 'CASH' ? 'cash' : 'other'
}

function money(value: unknown, what: string): { amount: number, currency: string } {
  const object = requireObject(value, what)
  return { amount: requireMinor(object.amount, `${what}.amount`), currency: requireCurrency(object.currency) }
}

// Payments are the signal of a POS sale (Square sends order.created only for orders made through its API).
export function paymentFacts(payment: Record<string, any>): Facts {
  if (payment.status !== 'COMPLETED')
    return { kind: 'ignored', reason: `The payment is ${String(payment.status)}; Pulse counts it once COMPLETED.` }
  const id = requireString(payment.id, 'payment.id')
  const total = money(payment.total_money ?? payment.amount_money, 'payment.total_money')
  const refs = [...(typeof payment.order_id === 'string' && payment.order_id ? [payment.order_id] : []), id]
  return { kind: 'sale', refs, url: `https://app.squareup.com/dashboard/sales/transactions/${encodeURIComponent(id)}`, currency: total.currency, totalCents: total.amount, items: [], customerName: null, paid: methodOf(payment.source_type) }
}

function refundFacts(refund: Record<string, any>): Facts {
  if (refund.status !== 'COMPLETED')
    return { kind: 'ignored', reason: `The refund is ${String(refund.status)}; Pulse applies it once COMPLETED.` }
  const amount = money(refund.amount_money, 'refund.amount_money')
  const refs = [refund.order_id, refund.payment_id].filter((ref): ref is string => typeof ref === 'string' && ref !== '')
  return { kind: 'refund', refs, refundId: requireString(refund.id, 'refund.id'), currency: amount.currency, amountCents: amount.amount }
}

export const squareConnector: Connector = {
  platform: 'square',
  holdsRefunds: true,
  // Square signs the notification URL followed by the body (the URL registered in its dashboard).
  async verify({ body, headers, webhookUrl }, secret) {
    return isBase64HmacSha256(secret, Buffer.concat([Buffer.from(webhookUrl), body]), headers.get('x-square-hmacsha256-signature'))
  },
  parse({ body, text }) {
    const event = readPayload(body, text)
    const type = requireString(event.type, 'type')
    const object = requireObject(event.data?.object, 'data.object')
    const facts: Facts = type === 'payment.created' || type === 'payment.updated'
      ? paymentFacts(requireObject(object.payment, 'data.object.payment'))
      : type === 'refund.created' || type === 'refund.updated'
        ? refundFacts(requireObject(object.refund, 'data.object.refund'))
        : { kind: 'ignored', reason: `Pulse does not use ${type} events.` }
    return { eventId: requireString(event.event_id, 'event_id'), eventType: type, facts }
  },
}
