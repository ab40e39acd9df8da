import type { Actor, RefundResponse } from '~shared/types/api'
import type { Db } from '../db/connection'
import { createApiError } from '../http/errors'
import { runStoreWrite } from '../store-writes/run-store-write'
import { changeStatus } from './change-status'
import { moneyText } from './money-text'
import { readOrderForWrite } from './read-order-for-write'
import { findOrder } from './read-orders'
import { recordRefund } from './record-refund'
import { toRefund, toStreamOrder, toStreamRefund } from './serialize'

/** What can still be refunded on an order: what is paid less what is already refunded. */
export function refundableCents(order: { paid_cents: number, refunded_cents: number }): number {
  return Number(order.paid_cents) - Number(order.refunded_cents)
}

/**
 * POST /orders/:id/refunds: gives back part or all of what a paid or fulfilled order has left to
 * refund. The refund that reaches the paid amount also moves the order to `refunded` (one
 * `order_updated` event carries both); the ones before leave its status as it is.
 */
export async function refundOrder(db: Db, storeId: string, orderId: string, amountCents: number, reason: string | null, actor: Actor): Promise<RefundResponse> {
  return runStoreWrite(db, storeId, async (w) => {
    const order = await readOrderForWrite(w.trx, storeId, orderId)
    if (order.status !== 'paid' && order.status !== 'fulfilled') {
      const why = order.status === 'pending' ? ' (cancel it to give back what was paid)' : ''
      throw createApiError(409, 'order_not_refundable', `An order that is ${order.status} takes no refunds${why}.`)
    }
    const refundable = refundableCents(order)
    if (amountCents > refundable)
      throw createApiError(422, 'amount_exceeds_refundable', `The refund is more than the ${moneyText(refundable, order.currency)} that can still be refunded.`)
    const refund = await recordRefund(w, order, amountCents, reason, actor)
    if (refundableCents(order) === 0) {
      await changeStatus(w, order, 'refunded', actor, refund)
    }
    else {
      await w.trx.updateTable('orders').set({ refunded_cents: order.refunded_cents, refunded_at: order.refunded_at, updated_at: w.now }).where('id', '=', order.id).execute()
      w.emit({ type: 'order_updated', order: toStreamOrder(order), previousStatus: order.status as never, refundedCents: amountCents, refund: toStreamRefund(refund), actor })
    }
    return { refund: toRefund(refund), order: (await findOrder(w.trx, storeId, orderId))! }
  })
}
