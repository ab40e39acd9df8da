import type { Platform } from '~shared/domain'
import type { Actor, PaymentMethod, StreamPayment } from '~shared/types/api'
import type { OrderItemsTable, OrdersTable } from '../db/schema'
import type { StoreWrite } from '../store-writes/types'
import { orderSearchText } from '~shared/order-search'
import { newId } from '../db/new-id'
import { writePayment } from './record-payment'
import { toStreamItems, toStreamOrder } from './serialize'

export interface NewOrderItem { name: string, sku?: string | null, quantity: number, unitPriceCents: number }

export interface NewOrder {
  items: NewOrderItem[]
  customerName: string | null
  note: string | null
  /** The sum of the lines unless given (a platform's total has shipping, tax and discounts in it). */
  totalCents?: number
  currency?: string
  /** The platform and `OrderSource` (JSON) of an order from a connection. */
  sourcePlatform?: Platform
  source?: string
  /**
   * A sale paid before it reached Pulse (a platform's, or a till's that posts it paid): the order is
   * written paid, with one payment of its total, and its one `order_created` carries the payment.
   */
  paidWith?: PaymentMethod
}

/**
 * Writes a new order with its lines (pending, or paid with `paidWith`), counts it in the rollups and
 * emits `order_created`: the step every way of making an order shares (POST /orders, connections).
 */
export async function insertOrder(w: StoreWrite, order: NewOrder, actor: Actor): Promise<{ row: OrdersTable, items: OrderItemsTable[] }> {
  const id = newId()
  const items: OrderItemsTable[] = order.items.map((item, position) => ({
    order_id: id,
    position,
    store_id: w.store.id,
    name: item.name,
    sku: item.sku ?? null,
    quantity: item.quantity,
    unit_price_cents: item.unitPriceCents,
    line_total_cents: item.quantity * item.unitPriceCents,
  }))
  const totalCents = order.totalCents ?? items.reduce((sum, item) => sum + item.line_total_cents, 0)
  const row: OrdersTable = {
    id,
    store_id: w.store.id,
    number: w.takeOrderNumber(),
    status: order.paidWith ? 'paid' : 'pending',
    currency: order.currency ?? w.store.currency,
    total_cents: totalCents,
    paid_cents: order.paidWith ? totalCents : 0,
    refunded_cents: 0,
    customer_name: order.customerName,
    note: order.note,
    bucket: w.rollups.bucketOf(w.now),
    created_at: w.now,
    updated_at: w.now,
    refunded_at: null,
    created_by: JSON.stringify(actor),
    search_text: orderSearchText(order.customerName, items.map(item => item.name)),
    ...(order.source ? { source_platform: order.sourcePlatform, source: order.source } : {}),
  }
  await w.trx.insertInto('orders').values(row).execute()
  if (items.length > 0)
    await w.trx.insertInto('order_items').values(items).execute()

  w.rollups.add(row.bucket, 'order_count', 1)
  w.rollups.add(row.bucket, 'order_total_cents', row.total_cents)
  w.rollups.moveStatus(row.bucket, null, row.status)
  for (const item of items) w.rollups.addProduct(row.bucket, item.name, item.quantity, item.line_total_cents)
  let payment: StreamPayment | undefined
  if (order.paidWith && totalCents > 0)
    ({ payment } = await writePayment(w, row, totalCents, order.paidWith, actor))
  w.emit({ type: 'order_created', order: toStreamOrder(row), ...toStreamItems(items), ...(payment ? { payment } : {}), actor })
  return { row, items }
}
