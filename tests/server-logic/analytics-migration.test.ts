import SQLite from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrationProvider } from '~server/utils/db/migrations'

describe('migration 0004_analytics_depth', () => {
  it('backfills the per-method rollups from existing payments, in each store\'s local hours', async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) })
    const migrator = new Migrator({ db, provider: migrationProvider })
    expect((await migrator.migrateTo('0003_clustered_rollups')).error).toBeUndefined()
    const store = (id: string, zone: string) => ({ id, name: id, time_zone: zone, currency: 'USD', next_order_number: 1001, last_seq: 0, created_at: '2026-11-01T00:00:00.000Z' })
    await db.insertInto('stores').values([store('utc', 'UTC'), store('ist', 'Asia/Kolkata')]).execute()
    const order = (id: string, storeId: string) => ({ id, store_id: storeId, number: 1, status: 'paid', currency: 'USD', total_cents: 0, bucket: 'x', created_at: 'x', updated_at: 'x' })
    await db.insertInto('orders').values([order('o1', 'utc'), order('o2', 'ist')]).execute()
    const payments = [
      ['p1', 'o1', 'utc', 100, 'card', '2026-11-20T10:05:00.000Z'],
      ['p2', 'o1', 'utc', 200, 'card', '2026-11-20T10:55:00.000Z'],
      ['p3', 'o1', 'utc', 400, 'cash', '2026-11-20T10:15:00.000Z'],
      ['p4', 'o2', 'ist', 800, 'other', '2026-11-20T10:15:00.000Z'], // 15:45 IST: the bucket of 15:00 IST, 09:30Z
    ] as const
    await db.insertInto('payments').values(payments.map(([id, order_id, store_id, amount_cents, method, created_at]) => ({ id, order_id, store_id, amount_cents, method, created_at }))).execute()
    await db.insertInto('rollups_hourly').values([
      { store_id: 'utc', bucket: '2026-11-20T10:00:00.000Z', revenue_cents: 700, payment_count: 3 },
      { store_id: 'ist', bucket: '2026-11-20T09:30:00.000Z', revenue_cents: 800, payment_count: 1 },
    ]).execute()
    expect((await migrator.migrateToLatest()).error).toBeUndefined()
    const rows = await db.selectFrom('rollups_hourly').select(['store_id', 'bucket', 'method_card_cents', 'method_card_count', 'method_cash_cents', 'method_cash_count', 'method_other_cents', 'method_other_count']).orderBy('store_id').execute()
    expect(rows).toEqual([
      { store_id: 'ist', bucket: '2026-11-20T09:30:00.000Z', method_card_cents: 0, method_card_count: 0, method_cash_cents: 0, method_cash_count: 0, method_other_cents: 800, method_other_count: 1 },
      { store_id: 'utc', bucket: '2026-11-20T10:00:00.000Z', method_card_cents: 300, method_card_count: 2, method_cash_cents: 400, method_cash_count: 1, method_other_cents: 0, method_other_count: 0 },
    ])
    expect((await db.selectFrom('stores').select(['day_start_minutes', 'daily_goal_cents']).execute())[0]).toEqual({ day_start_minutes: 0, daily_goal_cents: null })
    await db.destroy()
  })
})
