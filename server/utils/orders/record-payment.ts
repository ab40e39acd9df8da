import type { Actor, PaymentMethod } from '~shared/types/api'
import type { OrdersTable, PaymentsTable } from '../db/schema'
import type { StoreWrite } from '../store-writes/types'
import { newId } from '../db/new-id'
import { toStreamOrder } from './serialize'

/**
 * Records a payment against a pending order and emits `payment_received`; the caller has checked the
 * amount. Returns the payment row; `order` is updated in place (paid_cents, updated_at).
 */
export async function recordPayment(w: StoreWrite, order: OrdersTable, amountCents: number, method: PaymentMethod, actor: Actor): Promise<PaymentsTable> {
  const payment: PaymentsTable = { id: newId(), order_id: order.id, store_id: order.store_id, amount_cents: amountCents, method, created_at: w.now, received_by: JSON.stringify(actor) }
  await w.trx.insertInto('payments').values(payment).execute()
  order.paid_cents = Number(order.paid_cents) + amountCents
  order.updated_at = w.now
  const bucket = w.rollups.bucketOf(w.now)
  w.rollups.add(bucket, 'revenue_cents', amountCents)
  w.rollups.add(bucket, 'payment_count', 1)
  w.rollups.addMethod(bucket, method, amountCents)
  w.emit({ type: 'payment_received', order: toStreamOrder(order), payment: { id: payment.id, amountCents, method }, actor })
  return payment
}
