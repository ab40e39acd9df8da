import type { RangeBounds } from '../analytics/time'
import type { Db } from '../db/connection'
import type { StoresTable } from '../db/schema'
import { formatAmount } from './format-amount'
import { localTimestamp } from './local-timestamp'

export const ORDERS_CSV_HEADER = ['number', 'created_at', 'status', 'currency', 'total', 'paid', 'refunded', 'payment_methods', 'customer', 'items']

const CHUNK = 1000

/**
 * One row per order created in [from, to), oldest first, read in keyset-paginated chunks (created_at,
 * id) on the orders' (store_id, created_at, id) index: memory stays at one chunk whatever the range.
 */
export async function* orderRows(db: Db, store: StoresTable, bounds: RangeBounds): AsyncGenerator<Array<string | number>> {
  let after: [string, string] = [bounds.from, '']
  for (;;) {
    const cursor = after
    const orders = await db.selectFrom('orders')
      .select(['id', 'number', 'created_at', 'status', 'currency', 'total_cents', 'paid_cents', 'refunded_cents', 'customer_name'])
      .where('store_id', '=', store.id)
      .where(eb => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(cursor[0], cursor[1])))
      .where('created_at', '<', bounds.to)
      .orderBy('created_at')
      .orderBy('id')
      .limit(CHUNK)
      .execute()
    if (orders.length === 0)
      return
    after = [orders.at(-1)!.created_at, orders.at(-1)!.id]
    const ids = orders.map(order => order.id)
    const [items, payments] = await Promise.all([
      db.selectFrom('order_items').select(['order_id', 'name', 'quantity']).where('order_id', 'in', ids).orderBy('order_id').orderBy('position').execute(),
      db.selectFrom('payments').select(['order_id', 'method']).where('order_id', 'in', ids).orderBy('created_at').execute(),
    ])
    const itemsOf = new Map<string, string[]>()
    for (const item of items) itemsOf.set(item.order_id, [...itemsOf.get(item.order_id) ?? [], `${item.quantity} × ${item.name}`])
    const methodsOf = new Map<string, Set<string>>()
    for (const payment of payments) methodsOf.set(payment.order_id, (methodsOf.get(payment.order_id) ?? new Set()).add(payment.method))
    for (const order of orders) {
      yield [
        Number(order.number),
        localTimestamp(order.created_at, store.time_zone),
        order.status,
        order.currency,
        formatAmount(Number(order.total_cents), order.currency),
        formatAmount(Number(order.paid_cents), order.currency),
        formatAmount(Number(order.refunded_cents), order.currency),
        [...methodsOf.get(order.id) ?? []].join('; '),
        order.customer_name ?? '',
        (itemsOf.get(order.id) ?? []).join('; '),
      ]
    }
    if (orders.length < CHUNK)
      return
  }
}
