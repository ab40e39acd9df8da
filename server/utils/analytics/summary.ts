import type { AnalyticsRange, Summary } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { StoresTable } from '../db/schema'
import { rangeBounds } from './time'

/**
 * Sums the hourly rollups of the range: the cost grows with the number of hours, not of orders. One
 * statement reads the sums and the store's `lastSeq` from one snapshot (in SQLite and in PostgreSQL
 * alike), so that a client applies exactly the events after that seq on top of them — no transaction.
 */
export async function getSummary(db: Db, store: StoresTable, range: AnalyticsRange, now = new Date()): Promise<Summary> {
  const bounds = rangeBounds(range, store.time_zone, now)
  const totals = await db.selectFrom('rollups_hourly')
    .where('store_id', '=', store.id)
    .where('bucket', '>=', bounds.from)
    .where('bucket', '<', bounds.to)
    .select(eb => [
      eb.fn.coalesce(eb.fn.sum<number>('revenue_cents'), eb.lit(0)).as('revenue'),
      eb.fn.coalesce(eb.fn.sum<number>('refunded_cents'), eb.lit(0)).as('refunded'),
      eb.fn.coalesce(eb.fn.sum<number>('order_count'), eb.lit(0)).as('orders'),
      eb.fn.coalesce(eb.fn.sum<number>('order_total_cents'), eb.lit(0)).as('order_total'),
      eb.fn.coalesce(eb.fn.sum<number>('pending_count'), eb.lit(0)).as('pending'),
      eb.fn.coalesce(eb.fn.sum<number>('paid_count'), eb.lit(0)).as('paid'),
      eb.fn.coalesce(eb.fn.sum<number>('fulfilled_count'), eb.lit(0)).as('fulfilled'),
      eb.fn.coalesce(eb.fn.sum<number>('cancelled_count'), eb.lit(0)).as('cancelled'),
      eb.selectFrom('stores').select('last_seq').where('id', '=', store.id).as('last_seq'),
    ])
    .executeTakeFirstOrThrow()
  const orderCount = Number(totals.orders)
  return {
    range,
    from: bounds.from,
    to: bounds.to,
    currency: store.currency,
    revenueCents: Number(totals.revenue) - Number(totals.refunded),
    orderCount,
    orderTotalCents: Number(totals.order_total),
    averageOrderValueCents: orderCount > 0 ? Math.round(Number(totals.order_total) / orderCount) : 0,
    pendingOrderCount: Number(totals.pending),
    paidOrderCount: Number(totals.paid) + Number(totals.fulfilled),
    cancelledOrderCount: Number(totals.cancelled),
    refundedCents: Number(totals.refunded),
    lastSeq: Number(totals.last_seq),
  }
}
