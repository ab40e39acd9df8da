import type { Actor, Order, OrderStatus } from '~shared/types/api'
import type { Db } from '../db/connection'
import { createApiError } from '../http/errors'
import { runStoreWrite } from '../store-writes/run-store-write'
import { changeStatus } from './change-status'
import { readOrderForWrite } from './read-order-for-write'
import { findOrder } from './read-orders'
import { recordPayment } from './record-payment'
import { allowedTransitions, canTransition } from './status-machine'

/**
 * PATCH /orders/:id. Marking a pending order paid records the outstanding amount as a payment
 * (method "other"), so that a paid order's money is always in the revenue figures.
 */
export async function updateOrderStatus(db: Db, storeId: string, orderId: string, to: OrderStatus, actor: Actor): Promise<Order> {
  return runStoreWrite(db, storeId, async (w) => {
    const order = await readOrderForWrite(w.trx, storeId, orderId)
    const from = order.status
    if (!canTransition(from, to)) {
      const allowed = allowedTransitions(from)
      throw createApiError('invalid_transition', `An order that is ${from} cannot become ${to}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (it is final)'}.`)
    }
    const outstanding = Number(order.total_cents) - Number(order.paid_cents)
    if (to === 'paid' && outstanding > 0)
      await recordPayment(w, order, outstanding, 'other', actor)
    await changeStatus(w, order, to, actor)
    return (await findOrder(w.trx, storeId, orderId))!
  })
}
