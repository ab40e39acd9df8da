import type { AnalyticsRange, Bucket, Timeseries } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { StoresTable } from '../db/schema'
import { bucketStarts, rangeBounds } from './time'

/**
 * Revenue (payments less refunds) and orders per hour or store-local day, every bucket present. One
 * statement (the store's row joined with its hours) reads the hours and `lastSeq` from one snapshot.
 */
export async function getTimeseries(db: Db, store: StoresTable, range: AnalyticsRange, bucket: Bucket | undefined, now = new Date()): Promise<Timeseries> {
  const size: Bucket = bucket ?? (range === 'today' ? 'hour' : 'day')
  const bounds = rangeBounds(range, store.time_zone, now)
  const starts = bucketStarts(bounds, size, store.time_zone)
  const rows = await db.selectFrom('stores')
    .leftJoin('rollups_hourly', join => join
      .onRef('rollups_hourly.store_id', '=', 'stores.id')
      .on('rollups_hourly.bucket', '>=', bounds.from)
      .on('rollups_hourly.bucket', '<', bounds.to))
    .select(['stores.last_seq', 'rollups_hourly.bucket', 'rollups_hourly.revenue_cents', 'rollups_hourly.refunded_cents', 'rollups_hourly.order_count'])
    .where('stores.id', '=', store.id)
    .orderBy('rollups_hourly.bucket')
    .execute()
  const points = starts.map(t => ({ t, revenueCents: 0, orderCount: 0 }))
  let index = 0
  for (const row of rows) {
    if (row.bucket === null)
      continue
    // Rows and starts are both sorted: advance to the last start at or before the row's hour.
    while (index + 1 < starts.length && starts[index + 1] <= row.bucket) index++
    points[index].revenueCents += Number(row.revenue_cents) - Number(row.refunded_cents)
    points[index].orderCount += Number(row.order_count)
  }
  return { range, bucket: size, from: bounds.from, to: bounds.to, points, lastSeq: rows.length > 0 ? Number(rows[0].last_seq) : 0 }
}
