import type { Trx } from '../db/connection'
import type { OrdersTable } from '../db/schema'
import { createApiError } from '../http/errors'

/** Reads an order of the store inside a store write (the store row lock already serialises writers). */
export async function readOrderForWrite(trx: Trx, storeId: string, orderId: string): Promise<OrdersTable> {
  const row = await trx.selectFrom('orders').selectAll().where('id', '=', orderId).where('store_id', '=', storeId).executeTakeFirst()
  if (!row)
    throw createApiError('order_not_found')
  return row
}
