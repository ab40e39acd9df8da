import type { OrderCreatedEvent, PaymentReceivedEvent } from '~shared/types/api'
import type { PushKind, PushPayload } from '~shared/types/push'
import { createHash } from 'node:crypto'

const formats = new Map<string, Intl.NumberFormat>()

export function money(cents: number, currency: string): string {
  let format = formats.get(currency)
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency })
    formats.set(currency, format)
  }
  return format.format(cents / 100)
}

const orderUrl = (orderId: string) => `/orders/${orderId}`
const orderTag = (orderId: string) => `order-${orderId}`
const joinParts = (...parts: Array<string | null | undefined>) => parts.filter(Boolean).join(' · ')

export function newOrderPayload(event: OrderCreatedEvent, storeName: string): PushPayload {
  const { order } = event
  return {
    type: 'new_order',
    title: `New order #${order.number} — ${money(order.totalCents, order.currency)}`,
    body: joinParts(order.customerName, storeName),
    url: orderUrl(order.id),
    orderId: order.id,
    seq: event.seq,
    tag: orderTag(order.id),
  }
}

export function paymentPayload(event: PaymentReceivedEvent, storeName: string): PushPayload {
  const { order, payment } = event
  return {
    type: 'payment',
    title: `Payment received — ${money(payment.amountCents, order.currency)} (${payment.method})`,
    body: joinParts(`Order #${order.number}`, order.customerName, storeName),
    url: orderUrl(order.id),
    orderId: order.id,
    seq: event.seq,
    tag: orderTag(order.id),
  }
}

export function reminderPayload(event: OrderCreatedEvent, minutes: number): PushPayload {
  const { order } = event
  return {
    type: 'pending_reminder',
    title: `Order #${order.number} is still pending — ${money(order.totalCents, order.currency)}`,
    body: joinParts(order.customerName, `waiting for ${minutes} min`),
    url: orderUrl(order.id),
    orderId: order.id,
    seq: event.seq,
    tag: orderTag(order.id),
  }
}

export function testPayload(): PushPayload {
  return {
    type: 'test',
    title: 'Pulse notifications work',
    body: 'This device will be told about new orders and payments, even when Pulse is closed.',
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
