import type { AnalyticsRange, Bucket, Timeseries } from '~shared/types/api'
import type { Db, Dialect } from '../db/connection'
import type { StoresTable } from '../db/schema'
import { readLastSeq, readSnapshot } from './read-snapshot'
import { bucketStarts, rangeBounds } from './time'

/** Revenue (payments less refunds) and orders per hour or store-local day, every bucket present. */
export async function getTimeseries(db: Db, dialect: Dialect, store: StoresTable, range: AnalyticsRange, bucket: Bucket | undefined, now = new Date()): Promise<Timeseries> {
  const size: Bucket = bucket ?? (range === 'today' ? 'hour' : 'day')
  const bounds = rangeBounds(range, store.time_zone, now)
  const starts = bucketStarts(bounds, size, store.time_zone)
  return readSnapshot(db, dialect, async (trx) => {
    const rows = await trx.selectFrom('rollups_hourly')
      .select(['bucket', 'revenue_cents', 'refunded_cents', 'order_count'])
      .where('store_id', '=', store.id)
      .where('bucket', '>=', bounds.from)
      .where('bucket', '<', bounds.to)
      .orderBy('bucket')
      .execute()
    const lastSeq = await readLastSeq(trx, store.id)
    const points = starts.map(t => ({ t, revenueCents: 0, orderCount: 0 }))
    let index = 0
    for (const row of rows) {
      // Rows and starts are both sorted: advance to the last start at or before the row's hour.
      while (index + 1 < starts.length && starts[index + 1] <= row.bucket) index++
      points[index].revenueCents += Number(row.revenue_cents) - Number(row.refunded_cents)
      points[index].orderCount += Number(row.order_count)
    }
    return { range, bucket: size, from: bounds.from, to: bounds.to, points, lastSeq }
  })
}
