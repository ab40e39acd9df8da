import type { Db } from '../db/connection'
import type { StoresTable } from '../db/schema'
import type { RangeBounds } from '../time/local-time'
import { setImmediate } from 'node:timers/promises'
import { orderPages } from '../db/order-pages'
import { formatAmount } from './format-amount'
import { localTimestamp } from './local-timestamp'

export const ORDERS_CSV_HEADER = ['number', 'created_at', 'status', 'currency', 'total', 'paid', 'refunded', 'payment_methods', 'customer', 'items']

// Small pages, and a turn of the event loop after each: on SQLite every query blocks the process, so a
// long export must leave room for other stores' requests between its slices.
const EXPORT_PAGE = 200

/**
 * One row per order created in [from, to), oldest first, a page of orders at a time (with their items
 * and payment methods): memory stays at one page whatever the range.
 */
export async function* orderRows(db: Db, store: StoresTable, bounds: RangeBounds): AsyncGenerator<Array<string | number>> {
  for await (const orders of orderPages(db, store.id, bounds, EXPORT_PAGE)) {
    await setImmediate()
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
  }
}
