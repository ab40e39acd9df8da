import type { Payment } from '~shared/types/api'
import type { Db } from '../db/connection'
import { toPayment } from './serialize'

/** The payments of one order of one store, oldest first; null when the store has no such order. */
export async function listPayments(db: Db, storeId: string, orderId: string): Promise<Payment[] | null> {
  const order = await db.selectFrom('orders').select('id').where('id', '=', orderId).where('store_id', '=', storeId).executeTakeFirst()
  if (!order)
    return null
  const rows = await db.selectFrom('payments').selectAll().where('order_id', '=', orderId).where('store_id', '=', storeId).orderBy('created_at').orderBy('id').execute()
  return rows.map(toPayment)
}
