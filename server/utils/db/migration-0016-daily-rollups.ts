import type { Kysely, Migration } from 'kysely'
import { sql, SqliteAdapter } from 'kysely'
import { localDateOf } from '../time/local-time'
import { chunks } from './chunks'

// The rollup columns as of this migration (later ones add their own).
const COLUMNS = ['revenue_cents', 'refunded_cents', 'payment_count', 'order_count', 'order_total_cents', 'pending_count', 'paid_count', 'fulfilled_count', 'cancelled_count', 'refunded_count', 'method_card_cents', 'method_card_count', 'method_cash_cents', 'method_cash_count', 'method_other_cents', 'method_other_count']

/**
 * rollups_daily: the hourly rollups summed by the store-local calendar date of their bucket, so that a
 * range of many days reads a row a whole date instead of 24 (its two partial dates from the hours).
 * Clustered on SQLite like the hourly table (a store's dates in key order); filled here from every
 * store's hourly rows in its own zone.
 */
export const dailyRollupsMigration: Migration = {
  async up(db: Kysely<any>) {
    let daily = db.schema.createTable('rollups_daily')
      .addColumn('store_id', 'text', c => c.notNull())
      .addColumn('day', 'text', c => c.notNull())
    for (const column of COLUMNS)
      daily = daily.addColumn(column, 'bigint', c => c.notNull().defaultTo(0))
    const keyed = daily.addPrimaryKeyConstraint('rollups_daily_pk', ['store_id', 'day'])
    await (db.getExecutor().adapter instanceof SqliteAdapter ? keyed.modifyEnd(sql`without rowid`) : keyed).execute()

    for (const store of await db.selectFrom('stores').select(['id', 'time_zone']).execute()) {
      const days = new Map<string, Record<string, number>>()
      for (const hour of await db.selectFrom('rollups_hourly').select(['bucket', ...COLUMNS]).where('store_id', '=', store.id).execute()) {
        const day = localDateOf(hour.bucket, store.time_zone)
        const sum = days.get(day) ?? Object.fromEntries(COLUMNS.map(column => [column, 0]))
        for (const column of COLUMNS) sum[column] += Number(hour[column])
        days.set(day, sum)
      }
      for (const chunk of chunks([...days].map(([day, sums]) => ({ store_id: store.id, day, ...sums }))))
        await db.insertInto('rollups_daily').values(chunk).execute()
    }
  },
}
