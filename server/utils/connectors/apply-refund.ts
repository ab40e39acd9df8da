import type { Actor } from '~shared/types/api'
import type { OrdersTable } from '../db/schema'
import type { StoreWrite } from '../store-writes/types'
import { giveRefund, refundableCents } from '../orders/give-refund'

/**
 * Gives back part of what a paid order collected (a platform refunds in parts), never more than is
 * left to refund: a platform's refund is a fact, so the excess is dropped rather than refused. The last
 * cent makes it `refunded`. Returns the amount given back (0 when the order takes no refund).
 */
export async function applyRefund(w: StoreWrite, order: OrdersTable, amountCents: number, actor: Actor): Promise<number> {
  const refundedCents = Math.min(amountCents, refundableCents(order))
  if (refundedCents <= 0 || (order.status !== 'paid' && order.status !== 'fulfilled'))
    return 0
  await giveRefund(w, order, refundedCents, null, actor)
  return refundedCents
}
