import type { Refund } from '~shared/types/api'
import type { Db } from '../db/connection'
import { toRefund } from './serialize'

/** The refunds of one order of one store, oldest first; null when the store has no such order. */
export async function listRefunds(db: Db, storeId: string, orderId: string): Promise<Refund[] | null> {
  const order = await db.selectFrom('orders').select('id').where('id', '=', orderId).where('store_id', '=', storeId).executeTakeFirst()
  if (!order)
    return null
  const rows = await db.selectFrom('refunds').selectAll().where('order_id', '=', orderId).where('store_id', '=', storeId).orderBy('created_at').orderBy('id').execute()
  return rows.map(toRefund)
}
