import type { Actor } from '~shared/types/api'
import type { OrdersTable, RefundsTable } from '../db/schema'
import type { StoreWrite } from '../store-writes/types'
import { newId } from '../db/new-id'

/**
 * Records money given back on an order (the caller has checked the amount): a refund row, and the
 * refunded cents in the rollups of the current hour (collected is payments less refunds). `order` is
 * updated in place (refunded_cents, refunded_at, refunded_by); the caller writes it and emits the event.
 */
export async function recordRefund(w: StoreWrite, order: OrdersTable, amountCents: number, reason: string | null, actor: Actor): Promise<RefundsTable> {
  const refund: RefundsTable = { id: newId(), order_id: order.id, store_id: order.store_id, amount_cents: amountCents, reason, created_at: w.now, refunded_by: JSON.stringify(actor) }
  await w.trx.insertInto('refunds').values(refund).execute()
  order.refunded_cents = Number(order.refunded_cents) + amountCents
  order.refunded_at = w.now
  order.updated_at = w.now
  w.rollups.add(w.rollups.bucketOf(w.now), 'refunded_cents', amountCents)
  return refund
}
