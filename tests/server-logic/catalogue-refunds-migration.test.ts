import type { MigratedDatabase } from '../helpers/migrated-database'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, sql, SqliteDialect } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrationProvider } from '~server/utils/db/migrations'
import { whereOrdersMatch } from '~server/utils/orders/search-orders'
import { parseOrderSearch } from '~shared/order-search'
import { BACKENDS } from '../helpers/databases'
import { openMigratedDatabase } from '../helpers/migrated-database'
import { explainQuery } from '../helpers/query-plan'

describe.each(BACKENDS)('orders search plans and the refunds backfill (%s)', (backend) => {
  let database: MigratedDatabase
  beforeAll(async () => {
    database = await openMigratedDatabase(backend)
  })
  afterAll(() => database?.dispose())

  const explain = (query: Parameters<typeof explainQuery>[2]) => explainQuery(database.db, backend, query)

  const page = (filters: Parameters<typeof whereOrdersMatch>[1]) => whereOrdersMatch(database.db.selectFrom('orders').selectAll().where('store_id', '=', 's'), filters).where('number', '<', 5000).orderBy('number', 'desc').limit(51)

  it('walks the store\'s orders newest first on an index, with or without a status and a search', async () => {
    const plain = await explain(page({ search: parseOrderSearch('') }))
    const byStatus = await explain(page({ status: 'pending', search: parseOrderSearch('ada') }))
    const searched = await explain(page({ search: parseOrderSearch('12.50') }))
    if (backend === 'sqlite') {
      expect(plain).toMatch(/SEARCH orders USING (COVERING )?INDEX orders_store_number_desc|SEARCH orders USING INDEX orders_store_number/)
      expect(byStatus).toMatch(/SEARCH orders USING INDEX orders_store_status_number/)
      expect(searched).toMatch(/SEARCH orders USING (COVERING )?INDEX orders_store_number/)
      for (const plan of [plain, byStatus, searched]) expect(plan).not.toMatch(/SCAN orders|USE TEMP B-TREE FOR ORDER BY/)
    }
    else {
      expect(plain).toMatch(/Index (Only )?Scan using orders_store_number/)
      expect(byStatus).toMatch(/Index Scan using orders_store_status_number/)
      expect(searched).toMatch(/Index Scan using orders_store_number/)
      for (const plan of [plain, byStatus, searched]) expect(plan).not.toMatch(/Seq Scan on orders|Sort/)
    }
  })

  it('reads a time span\'s orders and an order\'s refunds on their indexes', async () => {
    const span = await explain(database.db.selectFrom('orders').select('id').where('store_id', '=', 's').where('created_at', '>=', '2026-12-01').where('created_at', '<', '2026-12-02'))
    const refunds = await explain(database.db.selectFrom('refunds').selectAll().where('order_id', '=', 'o'))
    const hourRefunds = await explain(database.db.selectFrom('refunds').select(sql`sum(amount_cents)`.as('s')).where('store_id', '=', 's').where('created_at', '>=', 'a').where('created_at', '<', 'b'))
    expect(span).toMatch(/orders_store_created/)
    expect(refunds).toMatch(/refunds_order/)
    expect(hourRefunds).toMatch(/refunds_store_created/)
  })
})

describe('migration 0011_catalogue_refunds', () => {
  it('turns every refund recorded on an order into a refund row, and starts every catalogue empty', async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) })
    const migrator = new Migrator({ db, provider: migrationProvider })
    expect((await migrator.migrateTo('0007_team')).error).toBeUndefined()
    await db.insertInto('stores').values({ id: 's', name: 's', time_zone: 'UTC', currency: 'USD', next_order_number: 1, last_seq: 0, created_at: 'x' }).execute()
    const order = (id: string, status: string, refunded: number, at: string | null) => ({ id, store_id: 's', number: id.length, status, currency: 'USD', total_cents: 900, paid_cents: 900, refunded_cents: refunded, bucket: 'x', created_at: 'x', updated_at: 'x', refunded_at: at, refunded_by: at ? '{"type":"user","id":"u","name":"ann"}' : null })
    await db.insertInto('orders').values([order('a', 'refunded', 900, '2026-12-01T10:00:00.000Z'), order('bb', 'paid', 0, null)]).execute()
    await db.updateTable('orders').set({ customer_name: 'Zoë' }).where('id', '=', 'a').execute()
    await db.insertInto('order_items').values([['a', 0, 'Flat White'], ['a', 1, 'BAGEL'], ['bb', 0, 'Tea']].map(([orderId, position, name]) => ({ order_id: orderId, position, store_id: 's', name, quantity: 1, unit_price_cents: 1, line_total_cents: 1 }))).execute()
    expect((await migrator.migrateToLatest()).error).toBeUndefined()
    expect(await db.selectFrom('refunds').selectAll().execute()).toEqual([{ id: 'a', order_id: 'a', store_id: 's', amount_cents: 900, reason: null, created_at: '2026-12-01T10:00:00.000Z', refunded_by: '{"type":"user","id":"u","name":"ann"}' }])
    expect(await db.selectFrom('products').selectAll().execute()).toEqual([])
    // Every order gets its search text: customer and items, lower case, one per line.
    expect(await db.selectFrom('orders').select(['id', 'search_text']).orderBy('id').execute()).toEqual([{ id: 'a', search_text: 'zoë\nflat white\nbagel' }, { id: 'bb', search_text: 'tea' }])
    await db.destroy()
  })
})
