import type { Order, OrderList } from '~shared/types/api'
import type { Db, Trx } from '../db/connection'
import type { OrderItemsTable } from '../db/schema'
import type { OrderFilters } from './search-orders'
import { whereOrdersMatch } from './search-orders'
import { toOrder } from './serialize'

async function itemsByOrder(db: Db | Trx, orderIds: string[]): Promise<Map<string, OrderItemsTable[]>> {
  const byOrder = new Map<string, OrderItemsTable[]>()
  if (orderIds.length === 0)
    return byOrder
  const items = await db.selectFrom('order_items').selectAll().where('order_id', 'in', orderIds).orderBy('order_id').orderBy('position').execute()
  for (const item of items) {
    const list = byOrder.get(item.order_id) ?? []
    list.push(item)
    byOrder.set(item.order_id, list)
  }
  return byOrder
}

/** One order of one store, or null: another store's order is as absent as a missing one. */
export async function findOrder(db: Db | Trx, storeId: string, orderId: string): Promise<Order | null> {
  const row = await db.selectFrom('orders').selectAll().where('id', '=', orderId).where('store_id', '=', storeId).executeTakeFirst()
  if (!row)
    return null
  return toOrder(row, (await itemsByOrder(db, [row.id])).get(row.id) ?? [])
}

export interface ListOrdersOptions extends OrderFilters { limit: number, cursor?: number }

/** Newest first; the cursor is the number of the last order of the previous page; `total` counts every match. */
export async function listOrders(db: Db, storeId: string, options: ListOrdersOptions): Promise<OrderList> {
  let query = whereOrdersMatch(db.selectFrom('orders').selectAll().where('store_id', '=', storeId), options)
  if (options.cursor !== undefined)
    query = query.where('number', '<', options.cursor)
  const [rows, counted] = await Promise.all([
    query.orderBy('number', 'desc').limit(options.limit + 1).execute(),
    whereOrdersMatch(db.selectFrom('orders').select(eb => eb.fn.countAll<number | string>().as('total')).where('store_id', '=', storeId), options).executeTakeFirstOrThrow(),
  ])
  const page = rows.slice(0, options.limit)
  const items = await itemsByOrder(db, page.map(row => row.id))
  return {
    orders: page.map(row => toOrder(row, items.get(row.id) ?? [])),
    nextCursor: rows.length > options.limit ? String(page[page.length - 1].number) : null,
    total: Number(counted.total),
  }
}
