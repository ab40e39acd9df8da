import type { Actor, PaymentMethod, StreamPayment } from '~shared/types/api'
import type { OrdersTable, PaymentsTable } from '../db/schema'
import type { StoreWrite } from '../store-writes/types'
import { newId } from '../db/new-id'
import { toStreamOrder } from './serialize'

/**
 * Writes a payment of an order and counts it in the rollups, without an event and without touching the
 * order's row: the caller keeps the order's paid amount and emits the event that tells of it.
 */
export async function writePayment(w: StoreWrite, order: Pick<OrdersTable, 'id' | 'store_id'>, amountCents: number, method: PaymentMethod, actor: Actor): Promise<{ row: PaymentsTable, payment: StreamPayment }> {
  const row: PaymentsTable = { id: newId(), order_id: order.id, store_id: order.store_id, amount_cents: amountCents, method, created_at: w.now, received_by: JSON.stringify(actor) }
  await w.trx.insertInto('payments').values(row).execute()
  const bucket = w.rollups.bucketOf(w.now)
  w.rollups.add(bucket, 'revenue_cents', amountCents)
  w.rollups.add(bucket, 'payment_count', 1)
  w.rollups.addMethod(bucket, method, amountCents)
  return { row, payment: { id: row.id, amountCents, method } }
}

/**
 * Records a payment against a pending order and emits `payment_received`; the caller has checked the
 * amount. Returns the payment row; `order` is updated in place (paid_cents, updated_at).
 */
export async function recordPayment(w: StoreWrite, order: OrdersTable, amountCents: number, method: PaymentMethod, actor: Actor): Promise<PaymentsTable> {
  const { row, payment } = await writePayment(w, order, amountCents, method, actor)
  order.paid_cents = Number(order.paid_cents) + amountCents
  order.updated_at = w.now
  w.emit({ type: 'payment_received', order: toStreamOrder(order), payment, actor })
  return row
}
