import type { Actor, OrderStatus } from '~shared/types/api'
import type { OrdersTable, RefundsTable } from '../db/schema'
import type { StoreWrite } from '../store-writes/types'
import { recordRefund } from './record-refund'
import { toStreamItems, toStreamOrder, toStreamRefund } from './serialize'

/**
 * Moves an order to a new status (already checked against the status machine), keeps the rollups in
 * step and emits `order_updated`. Cancelling or refunding gives back what was paid and not yet refunded,
 * in the current hour, as a refund row; `refund` is one the caller has just recorded (the partial refund
 * that reached the paid amount), which the event then carries instead.
 */
export async function changeStatus(w: StoreWrite, order: OrdersTable, to: OrderStatus, actor: Actor, refund?: RefundsTable): Promise<void> {
  const from = order.status
  const bucket = order.bucket
  let lines: ReturnType<typeof toStreamItems> | undefined
  if (to === 'cancelled') {
    w.rollups.add(bucket, 'order_count', -1)
    w.rollups.add(bucket, 'order_total_cents', -Number(order.total_cents))
    const items = await w.trx.selectFrom('order_items').select(['name', 'sku', 'quantity', 'line_total_cents']).where('order_id', '=', order.id).orderBy('position').execute()
    for (const item of items) w.rollups.addProduct(bucket, item.name, -Number(item.quantity), -Number(item.line_total_cents))
    lines = toStreamItems(items)
  }
  const remaining = Number(order.paid_cents) - Number(order.refunded_cents)
  if (!refund && (to === 'cancelled' || to === 'refunded') && remaining > 0)
    refund = await recordRefund(w, order, remaining, null, actor)
  const by = JSON.stringify(actor)
  if (to === 'cancelled')
    order.cancelled_by = by
  if (to === 'refunded')
    order.refunded_by = by
  w.rollups.moveStatus(bucket, from, to)
  order.status = to
  order.updated_at = w.now
  await w.trx.updateTable('orders')
    .set({ status: to, paid_cents: order.paid_cents, refunded_cents: order.refunded_cents, refunded_at: order.refunded_at, updated_at: w.now, cancelled_by: order.cancelled_by ?? null, refunded_by: order.refunded_by ?? null })
    .where('id', '=', order.id)
    .execute()
  const given = refund ? { refundedCents: Number(refund.amount_cents), refund: toStreamRefund(refund) } : {}
  w.emit({ type: 'order_updated', order: toStreamOrder(order), previousStatus: from, ...given, ...lines, actor })
}
