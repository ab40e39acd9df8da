import type { TopProducts } from '~shared/types/api'
import type { Db, Dialect } from '../db/connection'
import type { StoresTable } from '../db/schema'
import type { ReportQuery } from './report-window'
import { readLastSeq } from '../events/event-log'
import { readSnapshot } from './read-snapshot'
import { resolveReportWindow } from './report-window'
import { storeDaysOf } from './store-days'

/** Products of the orders created in the range and not cancelled, by revenue, then quantity. */
export async function getTopProducts(db: Db, dialect: Dialect, store: StoresTable, query: ReportQuery, limit: number, now = new Date()): Promise<TopProducts> {
  const window = resolveReportWindow(query, storeDaysOf(store), now)
  const { bounds } = window
  return readSnapshot(db, dialect, async (trx) => {
    const rows = await trx.selectFrom('rollups_product_hourly')
      .where('store_id', '=', store.id)
      .where('bucket', '>=', bounds.from)
      .where('bucket', '<', bounds.to)
      .groupBy('product')
      .select(eb => ['product', eb.fn.sum<number>('quantity').as('quantity'), eb.fn.sum<number>('revenue_cents').as('revenue')])
      .having(eb => eb.fn.sum('quantity'), '>', 0)
      .orderBy('revenue', 'desc')
      .orderBy('quantity', 'desc')
      .orderBy('product')
      .limit(limit)
      .execute()
    const lastSeq = await readLastSeq(trx, store.id)
    return { range: window.range, products: rows.map(row => ({ name: row.product, quantity: Number(row.quantity), revenueCents: Number(row.revenue) })), lastSeq }
  })
}
