import type { Actor, RefundResponse } from '~shared/types/api'
import type { Db } from '../db/connection'
import { formatMinor } from '~shared/money'
import { createApiError } from '../http/errors'
import { runStoreWrite } from '../store-writes/run-store-write'
import { giveRefund, refundableCents } from './give-refund'
import { readOrderForWrite } from './read-order-for-write'
import { findOrder } from './read-orders'
import { toRefund } from './serialize'

/**
 * POST /orders/:id/refunds: gives back part or all of what a paid or fulfilled order has left to
 * refund (`giveRefund`), after checking the order takes refunds and the amount is not too much.
 */
export async function refundOrder(db: Db, storeId: string, orderId: string, amountCents: number, reason: string | null, actor: Actor): Promise<RefundResponse> {
  return runStoreWrite(db, storeId, async (w) => {
    const order = await readOrderForWrite(w.trx, storeId, orderId)
    if (order.status !== 'paid' && order.status !== 'fulfilled') {
      const why = order.status === 'pending' ? ' (cancel it to give back what was paid)' : ''
      throw createApiError('order_not_refundable', `An order that is ${order.status} takes no refunds${why}.`)
    }
    const refundable = refundableCents(order)
    if (amountCents > refundable)
      throw createApiError('amount_exceeds_refundable', `The refund is more than the ${formatMinor(refundable, order.currency)} that can still be refunded.`)
    const refund = await giveRefund(w, order, amountCents, reason, actor)
    return { refund: toRefund(refund), order: (await findOrder(w.trx, storeId, orderId))! }
  })
}
