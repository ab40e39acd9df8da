import type { Backend } from '../helpers/databases'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { migrationProvider } from '~server/utils/db/migrations'
import { BACKENDS, createTestDatabase } from '../helpers/databases'

async function openEmpty(backend: Backend): Promise<{ db: Kysely<any>, dispose: () => Promise<void> }> {
  if (backend === 'postgres') {
    const database = await createTestDatabase()
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) }) })
    const dispose = async () => {
      await db.destroy()
      await database.drop()
    }
    return { db, dispose }
  }
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) })
  return { db, dispose: () => db.destroy() }
}

describe.each(BACKENDS)('migration 0016_daily_rollups on %s', (backend) => {
  it('fills rollups_daily from the existing hourly rows, summed by each bucket\'s local date in its store\'s zone', async () => {
    const { db, dispose } = await openEmpty(backend)
    try {
      const migrator = new Migrator({ db, provider: migrationProvider })
      expect((await migrator.migrateTo('0015_push_locale')).error).toBeUndefined()
      const store = (id: string, zone: string) => ({ id, name: id, time_zone: zone, currency: 'USD', next_order_number: 1001, last_seq: 0, created_at: '2026-11-01T00:00:00.000Z' })
      await db.insertInto('stores').values([store('utc', 'UTC'), store('ist', 'Asia/Kolkata'), store('nyc', 'America/New_York')]).execute()
      const zeros = { revenue_cents: 0, refunded_cents: 0, payment_count: 0, order_count: 0, order_total_cents: 0, pending_count: 0, paid_count: 0, fulfilled_count: 0, cancelled_count: 0, refunded_count: 0, method_card_cents: 0, method_card_count: 0, method_cash_cents: 0, method_cash_count: 0, method_other_cents: 0, method_other_count: 0 }
      await db.insertInto('rollups_hourly').values([
        { ...zeros, store_id: 'utc', bucket: '2026-11-20T23:00:00.000Z', revenue_cents: 100, order_count: 1, method_card_cents: 100, method_card_count: 1 },
        { ...zeros, store_id: 'utc', bucket: '2026-11-21T00:00:00.000Z', revenue_cents: 200, order_count: 2 },
        // 18:30Z is 00:00 on the 21st in Kolkata: the same date as 21 Nov 17:30Z (23:00 local).
        { ...zeros, store_id: 'ist', bucket: '2026-11-20T17:30:00.000Z', refunded_cents: 5, pending_count: 1 },
        { ...zeros, store_id: 'ist', bucket: '2026-11-20T18:30:00.000Z', refunded_cents: 7, method_other_cents: 40, method_other_count: 1 },
        { ...zeros, store_id: 'ist', bucket: '2026-11-21T17:30:00.000Z', refunded_cents: 11, cancelled_count: 3 },
        // New York on 1 Nov 2026: 01:00 EDT (05:00Z) and 01:00 EST (06:00Z), then 00:00 EST on the 2nd (05:00Z).
        { ...zeros, store_id: 'nyc', bucket: '2026-11-01T05:00:00.000Z', order_total_cents: 300, paid_count: 1 },
        { ...zeros, store_id: 'nyc', bucket: '2026-11-01T06:00:00.000Z', order_total_cents: 400, fulfilled_count: 2, method_cash_cents: 9, method_cash_count: 1 },
        { ...zeros, store_id: 'nyc', bucket: '2026-11-02T05:00:00.000Z', payment_count: 4, refunded_count: 1 },
      ]).execute()
      expect((await migrator.migrateToLatest()).error).toBeUndefined()
      const rows = await db.selectFrom('rollups_daily').selectAll().orderBy('store_id').orderBy('day').execute()
      expect(rows.map(row => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, key === 'store_id' || key === 'day' ? value : Number(value)])))).toEqual([
        { ...zeros, store_id: 'ist', day: '2026-11-20', refunded_cents: 5, pending_count: 1 },
        { ...zeros, store_id: 'ist', day: '2026-11-21', refunded_cents: 18, cancelled_count: 3, method_other_cents: 40, method_other_count: 1 },
        { ...zeros, store_id: 'nyc', day: '2026-11-01', order_total_cents: 700, paid_count: 1, fulfilled_count: 2, method_cash_cents: 9, method_cash_count: 1 },
        { ...zeros, store_id: 'nyc', day: '2026-11-02', payment_count: 4, refunded_count: 1 },
        { ...zeros, store_id: 'utc', day: '2026-11-20', revenue_cents: 100, order_count: 1, method_card_cents: 100, method_card_count: 1 },
        { ...zeros, store_id: 'utc', day: '2026-11-21', revenue_cents: 200, order_count: 2 },
      ])
    }
    finally {
      await dispose()
    }
  })
})
