import type { Actor, OrderStatus } from '~shared/types/api'
import type { OrdersTable, RefundsTable } from '../db/schema'
import type { StoreWrite } from '../store-writes/types'
import { changeStatus } from './change-status'
import { recordRefund } from './record-refund'
import { toStreamOrder, toStreamRefund } from './serialize'

/** What can still be refunded on an order: what is paid less what is already refunded. */
export function refundableCents(order: { paid_cents: number, refunded_cents: number }): number {
  return Number(order.paid_cents) - Number(order.refunded_cents)
}

/**
 * Gives back `amountCents` of a paid or fulfilled order (the caller has checked it is refundable):
 * a refund row, and the refund that reaches the paid amount also moves the order to `refunded` (one
 * `order_updated` event carries both); the ones before leave its status as it is. Every way of
 * refunding (the API, the connectors) goes through here, so the refund rows stay the record.
 */
export async function giveRefund(w: StoreWrite, order: OrdersTable, amountCents: number, reason: string | null, actor: Actor): Promise<RefundsTable> {
  const refund = await recordRefund(w, order, amountCents, reason, actor)
  if (refundableCents(order) === 0) {
    await changeStatus(w, order, 'refunded', actor, refund)
    return refund
  }
  await w.trx.updateTable('orders').set({ refunded_cents: order.refunded_cents, refunded_at: order.refunded_at, updated_at: w.now }).where('id', '=', order.id).execute()
  w.emit({ type: 'order_updated', order: toStreamOrder(order), previousStatus: order.status as OrderStatus, refundedCents: amountCents, refund: toStreamRefund(refund), actor })
  return refund
}
