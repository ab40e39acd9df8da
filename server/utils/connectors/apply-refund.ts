import type { Actor, OrderStatus } from '~shared/types/api'
import type { OrdersTable } from '../db/schema'
import type { StoreWrite } from '../store-writes/types'
import { toStreamOrder } from '../orders/serialize'

/**
 * Gives back part of what a paid order collected, in the current hour (a platform refunds in parts);
 * the last cent makes it `refunded`. Emits `order_updated` with the money given back. Returns it.
 */
export async function applyRefund(w: StoreWrite, order: OrdersTable, amountCents: number, actor: Actor): Promise<number> {
  const from = order.status as OrderStatus
  const refundable = Number(order.paid_cents) - Number(order.refunded_cents)
  const refundedCents = Math.min(amountCents, refundable)
  if (refundedCents <= 0 || (from !== 'paid' && from !== 'fulfilled'))
    return 0
  w.rollups.add(w.rollups.bucketOf(w.now), 'refunded_cents', refundedCents)
  order.refunded_cents = Number(order.refunded_cents) + refundedCents
  order.refunded_at = w.now
  order.refunded_by = JSON.stringify(actor)
  order.updated_at = w.now
  const to: OrderStatus = order.refunded_cents >= Number(order.paid_cents) ? 'refunded' : from
  if (to !== from) {
    w.rollups.moveStatus(order.bucket, from, to)
    order.status = to
  }
  await w.trx.updateTable('orders')
    .set({ status: to, refunded_cents: order.refunded_cents, refunded_at: w.now, refunded_by: order.refunded_by, updated_at: w.now })
    .where('id', '=', order.id)
    .execute()
  w.emit({ type: 'order_updated', order: toStreamOrder(order), previousStatus: from, refundedCents, actor })
  return refundedCents
}
