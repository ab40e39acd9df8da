import type { Kysely } from 'kysely'
import type { Database, OrdersTable } from './schema'

const PAGE = 1000

/**
 * A store's orders created in [from, to), oldest first, one page at a time: keyset pagination on
 * (created_at, id) over the orders' (store_id, created_at, id) index, so that memory holds one page
 * however many orders there are.
 */
export async function* orderPages(db: Kysely<Database>, storeId: string, bounds: { from: string, to: string }, pageSize = PAGE): AsyncGenerator<OrdersTable[]> {
  let after: [string, string] = [bounds.from, '']
  for (;;) {
    const cursor = after
    const orders = await db.selectFrom('orders')
      .selectAll()
      .where('store_id', '=', storeId)
      .where(eb => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(cursor[0], cursor[1])))
      .where('created_at', '<', bounds.to)
      .orderBy('created_at')
      .orderBy('id')
      .limit(pageSize)
      .execute()
    if (orders.length === 0)
      return
    yield orders
    if (orders.length < pageSize)
      return
    after = [orders.at(-1)!.created_at, orders.at(-1)!.id]
  }
}
