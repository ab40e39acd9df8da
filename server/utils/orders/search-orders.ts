import type { Expression, SelectQueryBuilder, SqlBool } from 'kysely'
import type { OrderFilter } from '~shared/domain'
import type { OrderSearch } from '~shared/order-search'
import type { Database } from '../db/schema'
import { sql } from 'kysely'

type OrdersQuery<O> = SelectQueryBuilder<Database, 'orders', O>

export interface OrderFilters { status?: OrderFilter, search: OrderSearch, from?: string, to?: string }

/** A LIKE pattern for "contains": `%`, `_` and `\` match literally (ESCAPE '\' on both databases). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, char => `\\${char}`)}%`
}

/**
 * Narrows a store's orders to the list's filters. With a status the walk runs on the
 * (store_id, status, number desc) index, without one on (store_id, number desc): newest first, so a
 * page stops after `limit` matches. The search is checked on the rows of that walk (a substring has no
 * B-tree index on either database), against the order's own `search_text` (customer and items, lower
 * case, written with the order): one column per row, no read of its items.
 */
export function whereOrdersMatch<O>(query: OrdersQuery<O>, filters: OrderFilters): OrdersQuery<O> {
  let narrowed = query
  if (filters.status === 'part_paid')
    narrowed = narrowed.where('orders.status', '=', 'pending').where('orders.paid_cents', '>', 0)
  else if (filters.status)
    narrowed = narrowed.where('orders.status', '=', filters.status)
  if (filters.from)
    narrowed = narrowed.where('orders.created_at', '>=', filters.from)
  if (filters.to)
    narrowed = narrowed.where('orders.created_at', '<', filters.to)
  const { search } = filters
  if (!search.text)
    return narrowed
  const pattern = containsPattern(search.text)
  return narrowed.where((eb) => {
    const anyOf: Expression<SqlBool>[] = [sql<SqlBool>`orders.search_text like ${pattern} escape '\\'`]
    if (search.numberPrefix !== null)
      anyOf.push(sql<SqlBool>`cast(orders.number as text) like ${`${search.numberPrefix}%`}`)
    if (search.amountCents !== null)
      anyOf.push(eb('orders.total_cents', '=', search.amountCents))
    return eb.or(anyOf)
  })
}
