import type { Actor, Order, OrderSource, Payment, Refund, StreamLines, StreamOrder, StreamRefund } from '~shared/types/api'
import type { OrderItemsTable, OrdersTable, PaymentsTable, RefundsTable } from '../db/schema'
import { STREAM_ITEMS_MAX } from '~shared/domain'

function toActor(json: string | null | undefined): Actor | null {
  return json ? JSON.parse(json) as Actor : null
}

function sourceOf(row: OrdersTable): OrderSource | undefined {
  return row.source ? JSON.parse(row.source) as OrderSource : undefined
}

function summaryOf(row: OrdersTable): Omit<StreamOrder, 'source'> {
  return {
    id: row.id,
    number: Number(row.number),
    status: row.status,
    currency: row.currency,
    totalCents: Number(row.total_cents),
    paidCents: Number(row.paid_cents),
    customerName: row.customer_name,
    createdAt: row.created_at,
  }
}

/** The order with its lines as the API gives it: a platform's order with its whole source. */
export function toOrder(row: OrdersTable, items: OrderItemsTable[]): Order & { source?: OrderSource } {
  const { createdAt, ...summary } = summaryOf(row)
  const source = sourceOf(row)
  return {
    ...summary,
    ...(source ? { source } : {}),
    refundedCents: Number(row.refunded_cents),
    items: items.map(item => ({
      name: item.name,
      sku: item.sku,
      quantity: Number(item.quantity),
      unitPriceCents: Number(item.unit_price_cents),
      lineTotalCents: Number(item.line_total_cents),
    })),
    note: row.note,
    createdAt,
    updatedAt: row.updated_at,
    createdBy: toActor(row.created_by),
    cancelledBy: toActor(row.cancelled_by),
    refundedBy: toActor(row.refunded_by),
  }
}

/**
 * The order as every event carries it to every open dashboard: of a platform's sale only what the live
 * views show (its chip and link); its ids stay on the API's order.
 */
export function toStreamOrder(row: OrdersTable): StreamOrder {
  const source = sourceOf(row)
  return { ...summaryOf(row), ...(source ? { source: { platform: source.platform, url: source.url } } : {}) }
}

/** An event's lines: the first `STREAM_ITEMS_MAX` (by position), their count, and whether some were left out. */
export function toStreamItems(items: Pick<OrderItemsTable, 'name' | 'sku' | 'quantity' | 'line_total_cents'>[]): StreamLines {
  return {
    items: items.slice(0, STREAM_ITEMS_MAX).map(item => ({ name: item.name, sku: item.sku, quantity: Number(item.quantity), lineTotalCents: Number(item.line_total_cents) })),
    itemCount: items.length,
    itemsTruncated: items.length > STREAM_ITEMS_MAX,
  }
}

export function toPayment(row: PaymentsTable): Payment {
  return { id: row.id, orderId: row.order_id, amountCents: Number(row.amount_cents), method: row.method, createdAt: row.created_at, receivedBy: toActor(row.received_by) }
}

export function toRefund(row: RefundsTable): Refund {
  return { id: row.id, orderId: row.order_id, amountCents: Number(row.amount_cents), reason: row.reason, createdAt: row.created_at, refundedBy: toActor(row.refunded_by) }
}

export function toStreamRefund(row: RefundsTable): StreamRefund {
  return { id: row.id, amountCents: Number(row.amount_cents), reason: row.reason }
}
