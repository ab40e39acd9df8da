import type { Actor, PaymentMethod, PaymentResponse } from '~shared/types/api'
import type { Db } from '../db/connection'
import { formatMinor } from '~shared/money'
import { createApiError } from '../http/errors'
import { runStoreWrite } from '../store-writes/run-store-write'
import { changeStatus } from './change-status'
import { readOrderForWrite } from './read-order-for-write'
import { findOrder } from './read-orders'
import { recordPayment } from './record-payment'
import { toPayment } from './serialize'

/** POST /orders/:id/payments: pays part or all of a pending order; the last cent makes it `paid`. */
export async function addPayment(db: Db, storeId: string, orderId: string, amountCents: number, method: PaymentMethod, actor: Actor): Promise<PaymentResponse> {
  return runStoreWrite(db, storeId, async (w) => {
    const order = await readOrderForWrite(w.trx, storeId, orderId)
    if (order.status !== 'pending')
      throw createApiError('order_not_payable', `An order that is ${order.status} takes no payments.`)
    const outstanding = Number(order.total_cents) - Number(order.paid_cents)
    if (amountCents > outstanding)
      throw createApiError('amount_exceeds_outstanding', `The payment is more than the ${formatMinor(outstanding, order.currency)} still owed.`)
    const payment = await recordPayment(w, order, amountCents, method, actor)
    if (Number(order.paid_cents) === Number(order.total_cents))
      await changeStatus(w, order, 'paid', actor)
    else
      await w.trx.updateTable('orders').set({ paid_cents: order.paid_cents, updated_at: w.now }).where('id', '=', order.id).execute()
    return { payment: toPayment(payment), order: (await findOrder(w.trx, storeId, orderId))! }
  })
}
