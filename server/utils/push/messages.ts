import type { OrderCreatedEvent, PaymentReceivedEvent } from '~shared/types/api'
import type { PushKind, PushPayload } from '~shared/types/push'
import { createHash } from 'node:crypto'
import { countText, fill, moneyText, voiceFor } from './voice'

const orderUrl = (orderId: string) => `/orders/${orderId}`
const orderTag = (orderId: string) => `order-${orderId}`
const joinParts = (...parts: Array<string | null | undefined>) => parts.filter(Boolean).join(' · ')

// Each payload is written in the device's locale (null: English as in the US), amounts in the order's currency.

export function newOrderPayload(event: OrderCreatedEvent, storeName: string, locale: string | null = null): PushPayload {
  const { order } = event
  const voice = voiceFor(locale)
  return {
    type: 'new_order',
    title: fill(voice.texts.newOrderTitle, { number: order.number, amount: moneyText(voice, order.totalCents, order.currency) }),
    body: joinParts(order.customerName, storeName),
    url: orderUrl(order.id),
    orderId: order.id,
    seq: event.seq,
    tag: orderTag(order.id),
  }
}

/** A payment: a `payment_received`, or the payment an order that came in paid carries. */
export function paymentPayload(event: Pick<PaymentReceivedEvent, 'order' | 'payment' | 'seq'>, storeName: string, locale: string | null = null): PushPayload {
  const { order, payment } = event
  const voice = voiceFor(locale)
  const amount = moneyText(voice, payment.amountCents, order.currency)
  return {
    type: 'payment',
    title: fill(voice.texts.paymentTitle, { amount, method: voice.texts.method[payment.method] }),
    body: joinParts(fill(voice.texts.orderNumber, { number: order.number }), order.customerName, storeName),
    url: orderUrl(order.id),
    orderId: order.id,
    seq: event.seq,
    tag: orderTag(order.id),
  }
}

export function reminderPayload(event: OrderCreatedEvent, minutes: number, locale: string | null = null): PushPayload {
  const { order } = event
  const voice = voiceFor(locale)
  return {
    type: 'pending_reminder',
    title: fill(voice.texts.reminderTitle, { number: order.number, amount: moneyText(voice, order.totalCents, order.currency) }),
    body: joinParts(order.customerName, countText(voice, voice.texts.waitingMinutes, minutes)),
    url: orderUrl(order.id),
    orderId: order.id,
    seq: event.seq,
    tag: orderTag(order.id),
  }
}

export function testPayload(locale: string | null = null): PushPayload {
  const { texts } = voiceFor(locale)
  return {
    type: 'test',
    title: texts.testTitle,
    body: texts.testBody,
    url: '/settings',
    tag: 'pulse-test',
  }
}

/** Push options per kind: orders and payments are urgent and short-lived; a summary can wait. */
export function deliveryOptions(kind: PushKind): { ttl: number, urgency: 'high' | 'normal' } {
  switch (kind) {
    case 'new_order':
    case 'payment':
      return { ttl: 24 * 3600, urgency: 'high' }
    case 'pending_reminder':
      return { ttl: 4 * 3600, urgency: 'high' }
    case 'daily_summary':
      return { ttl: 12 * 3600, urgency: 'normal' }
    default:
      return { ttl: 600, urgency: 'normal' }
  }
}

/** A stable Topic (≤ 32 base64url chars) per push: a repeat replaces the copy the push service still holds. */
export function topicOf(storeId: string, dedupeKey: string): string {
  return createHash('sha256').update(`${storeId}:${dedupeKey}`).digest('base64url').slice(0, 32)
}
