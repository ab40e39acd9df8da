import type { PushAlerts } from '~shared/types/push'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_ALERTS } from '~server/utils/push/alerts'
import { pushesFor } from '~server/utils/push/decide'
import { streamEvent } from '../unit/fixtures'

const NOW = Date.parse('2026-11-26T16:00:00.000Z')
const device = (alerts: Partial<PushAlerts> = {}) => ({ id: 'device-1', alerts: { ...DEFAULT_ALERTS, ...alerts } })
const kinds = (rows: ReturnType<typeof pushesFor>) => rows.map(row => `${row.kind}:${row.dedupe_key}`)

describe('the pushes one committed event makes for one device', () => {
  // The reminder's time is the event's on the real clock, moved by how far the push clock runs ahead.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
  })
  afterEach(() => vi.useRealTimers())

  it('a new order and a payment, each once per seq, due now, with the store\'s name', () => {
    const created = streamEvent('order_created', 7, {}, { id: 'order-a', number: 12, totalCents: 1250, customerName: 'Ada' })
    const [row] = pushesFor(created, device(), 'Corner Cafe', NOW)
    expect(row).toMatchObject({ subscription_id: 'device-1', store_id: 'store-1', kind: 'new_order', dedupe_key: 'seq:7', order_id: 'order-a', not_before: new Date(NOW).toISOString(), claimed_until: null, attempts: 0 })
    expect(JSON.parse(row.payload)).toMatchObject({ type: 'new_order', title: 'New order #12 — $12.50', body: 'Ada · Corner Cafe', seq: 7, tag: 'order-order-a' })
    const paid = streamEvent('payment_received', 8, {}, { id: 'order-a', number: 12, totalCents: 1250, paidCents: 1250, status: 'paid' })
    expect(kinds(pushesFor(paid, device(), 'Corner Cafe', NOW))).toEqual(['payment:seq:8'])
  })

  it('an order that came in paid tells of the order and of its payment, each by its own switch', () => {
    const payment = { id: 'payment-9', amountCents: 1250, method: 'card' as const }
    const paidSale = streamEvent('order_created', 9, { payment }, { id: 'order-c', number: 13, totalCents: 1250, paidCents: 1250, status: 'paid' })
    const rows = pushesFor(paidSale, device({ pendingReminderMinutes: 5 }), 'Corner Cafe', NOW)
    expect(kinds(rows)).toEqual(['new_order:seq:9', 'payment:payment:9'])
    expect(JSON.parse(rows[1].payload)).toMatchObject({ type: 'payment', title: 'Payment received — $12.50 (card)', seq: 9, tag: 'order-order-c' })
    expect(kinds(pushesFor(paidSale, device({ newOrders: false }), 'S', NOW))).toEqual(['payment:payment:9'])
    expect(kinds(pushesFor(paidSale, device({ payments: false }), 'S', NOW))).toEqual(['new_order:seq:9'])
  })

  it('follows the device\'s switches', () => {
    const created = streamEvent('order_created', 1)
    const paid = streamEvent('payment_received', 2)
    expect(pushesFor(created, device({ newOrders: false }), 'S', NOW)).toEqual([])
    expect(kinds(pushesFor(paid, device({ newOrders: false }), 'S', NOW))).toEqual(['payment:seq:2'])
    expect(pushesFor(paid, device({ payments: false }), 'S', NOW)).toEqual([])
    expect(kinds(pushesFor(created, device({ payments: false }), 'S', NOW))).toEqual(['new_order:seq:1'])
  })

  it('nothing for an order under minOrderCents, at any kind; from that amount on, as usual', () => {
    const device5000 = device({ minOrderCents: 5000, pendingReminderMinutes: 5 })
    expect(pushesFor(streamEvent('order_created', 1, {}, { totalCents: 4999 }), device5000, 'S', NOW)).toEqual([])
    expect(pushesFor(streamEvent('payment_received', 2, {}, { totalCents: 4999 }), device5000, 'S', NOW)).toEqual([])
    expect(kinds(pushesFor(streamEvent('order_created', 3, {}, { id: 'order-b', totalCents: 5000 }), device5000, 'S', NOW))).toEqual(['new_order:seq:3', 'pending_reminder:reminder:order-b'])
  })

  it('a reminder of a pending new order, due pendingReminderMinutes after it on the push clock, once per order', () => {
    const at = new Date(NOW - 60_000).toISOString()
    const created = streamEvent('order_created', 4, { at }, { id: 'order-c', number: 3, status: 'pending' })
    // The push clock runs an hour ahead of the real one.
    const pushNow = NOW + 3_600_000
    const [, reminder] = pushesFor(created, device({ pendingReminderMinutes: 5 }), 'S', pushNow)
    expect(reminder).toMatchObject({ kind: 'pending_reminder', dedupe_key: 'reminder:order-c', not_before: new Date(Date.parse(at) + 3_600_000 + 5 * 60_000).toISOString(), created_at: new Date(pushNow).toISOString() })
    expect(JSON.parse(reminder.payload)).toMatchObject({ type: 'pending_reminder', title: 'Order #3 is still pending — $12.50', body: 'waiting for 5 min' })
    const paidAtOnce = streamEvent('order_created', 5, {}, { status: 'paid' })
    expect(kinds(pushesFor(paidAtOnce, device({ pendingReminderMinutes: 5 }), 'S', NOW))).toEqual(['new_order:seq:5'])
  })

  it('no push for a change of status', () => {
    for (const status of ['pending', 'paid', 'cancelled', 'refunded'] as const)
      expect(pushesFor(streamEvent('order_updated', 9, { previousStatus: 'pending' }, { status }), device({ pendingReminderMinutes: 5 }), 'S', NOW), status).toEqual([])
  })
})
