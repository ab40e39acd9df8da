import type { Db } from '../db/connection'
import type { RangeBounds } from '../time/local-time'

export interface HourRow { bucket: string | null, revenue_cents: number | null, refunded_cents: number | null, order_count: number | null, order_total_cents: number | null }

const COLUMNS = ['rollups_hourly.bucket', 'rollups_hourly.revenue_cents', 'rollups_hourly.refunded_cents', 'rollups_hourly.order_count', 'rollups_hourly.order_total_cents'] as const

/** The store's hourly rollup rows in [from, to), oldest first. */
export function readHours(db: Db, storeId: string, bounds: RangeBounds): Promise<HourRow[]> {
  return db.selectFrom('rollups_hourly')
    .select(COLUMNS)
    .where('store_id', '=', storeId)
    .where('bucket', '>=', bounds.from)
    .where('bucket', '<', bounds.to)
    .orderBy('bucket')
    .execute()
}

/**
 * The same rows and the store's `lastSeq` in one statement (the store's row joined with its hours), so
 * that both come from one snapshot: a client applies exactly the events after that seq on top of them.
 */
export async function readHoursWithLastSeq(db: Db, storeId: string, bounds: RangeBounds): Promise<{ rows: HourRow[], lastSeq: number }> {
  const rows = await db.selectFrom('stores')
    .leftJoin('rollups_hourly', join => join
      .onRef('rollups_hourly.store_id', '=', 'stores.id')
      .on('rollups_hourly.bucket', '>=', bounds.from)
      .on('rollups_hourly.bucket', '<', bounds.to))
    .select(['stores.last_seq', ...COLUMNS])
    .where('stores.id', '=', storeId)
    .orderBy('rollups_hourly.bucket')
    .execute()
  return { rows, lastSeq: rows.length > 0 ? Number(rows[0].last_seq) : 0 }
}
