import type { Kysely, Migration, MigrationProvider } from 'kysely'
import { sql, SqliteAdapter } from 'kysely'
import { bucketOf } from '../time/local-time'
import { pushMigration } from './migration-0005-push'
import { teamMigration } from './migration-0007-team'
import { connectorsMigration } from './migration-0010-connectors'
import { catalogueRefundsMigration } from './migration-0011-catalogue-refunds'
import { backfillMigration } from './migration-0014-backfill'
import { pushLocaleMigration } from './migration-0015-push-locale'
import { dailyRollupsMigration } from './migration-0016-daily-rollups'
import { deliveryIndexesMigration } from './migration-0018-delivery-indexes'

const HOURLY_COLUMNS = ['revenue_cents', 'refunded_cents', 'payment_count', 'order_count', 'order_total_cents', 'pending_count', 'paid_count', 'fulfilled_count', 'cancelled_count', 'refunded_count']

// Column types are chosen to mean the same in both dialects: "bigint" has INTEGER affinity in SQLite,
// times are UTC ISO-8601 text (which sorts chronologically), ids are UUID text.
const migrations: Record<string, Migration> = {
  '0001_core': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('stores')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('name', 'text', c => c.notNull())
        .addColumn('time_zone', 'text', c => c.notNull())
        .addColumn('currency', 'text', c => c.notNull())
        .addColumn('next_order_number', 'bigint', c => c.notNull())
        .addColumn('last_seq', 'bigint', c => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', c => c.notNull())
        .execute()

      await db.schema.createTable('users')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('store_id', 'text', c => c.notNull().references('stores.id'))
        .addColumn('email', 'text', c => c.notNull().unique())
        .addColumn('password_hash', 'text', c => c.notNull())
        .addColumn('created_at', 'text', c => c.notNull())
        .execute()

      await db.schema.createTable('orders')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('store_id', 'text', c => c.notNull().references('stores.id'))
        .addColumn('number', 'bigint', c => c.notNull())
        .addColumn('status', 'text', c => c.notNull())
        .addColumn('currency', 'text', c => c.notNull())
        .addColumn('total_cents', 'bigint', c => c.notNull())
        .addColumn('paid_cents', 'bigint', c => c.notNull().defaultTo(0))
        .addColumn('refunded_cents', 'bigint', c => c.notNull().defaultTo(0))
        .addColumn('customer_name', 'text')
        .addColumn('note', 'text')
        .addColumn('bucket', 'text', c => c.notNull())
        .addColumn('created_at', 'text', c => c.notNull())
        .addColumn('updated_at', 'text', c => c.notNull())
        .addColumn('refunded_at', 'text')
        .addUniqueConstraint('orders_store_number', ['store_id', 'number'])
        .execute()
      // Listing is newest first per store, optionally by status; ties on created_at are broken by number.
      await db.schema.createIndex('orders_store_number_desc').on('orders').columns(['store_id', 'number desc']).execute()
      await db.schema.createIndex('orders_store_status_number').on('orders').columns(['store_id', 'status', 'number desc']).execute()

      await db.schema.createTable('order_items')
        .addColumn('order_id', 'text', c => c.notNull().references('orders.id'))
        .addColumn('position', 'integer', c => c.notNull())
        .addColumn('store_id', 'text', c => c.notNull())
        .addColumn('name', 'text', c => c.notNull())
        .addColumn('sku', 'text')
        .addColumn('quantity', 'bigint', c => c.notNull())
        .addColumn('unit_price_cents', 'bigint', c => c.notNull())
        .addColumn('line_total_cents', 'bigint', c => c.notNull())
        .addPrimaryKeyConstraint('order_items_pk', ['order_id', 'position'])
        .execute()

      await db.schema.createTable('payments')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('order_id', 'text', c => c.notNull().references('orders.id'))
        .addColumn('store_id', 'text', c => c.notNull())
        .addColumn('amount_cents', 'bigint', c => c.notNull())
        .addColumn('method', 'text', c => c.notNull())
        .addColumn('created_at', 'text', c => c.notNull())
        .execute()
      await db.schema.createIndex('payments_order').on('payments').column('order_id').execute()
      await db.schema.createIndex('payments_store_created').on('payments').columns(['store_id', 'created_at']).execute()

      await db.schema.createTable('events')
        .addColumn('store_id', 'text', c => c.notNull())
        .addColumn('seq', 'bigint', c => c.notNull())
        .addColumn('type', 'text', c => c.notNull())
        .addColumn('payload', 'text', c => c.notNull())
        .addColumn('created_at', 'text', c => c.notNull())
        .addPrimaryKeyConstraint('events_pk', ['store_id', 'seq'])
        .execute()
      await db.schema.createIndex('events_created').on('events').column('created_at').execute()

      await db.schema.createTable('idempotency_keys')
        .addColumn('store_id', 'text', c => c.notNull())
        .addColumn('key', 'text', c => c.notNull())
        .addColumn('request_hash', 'text', c => c.notNull())
        .addColumn('order_id', 'text', c => c.notNull())
        .addColumn('created_at', 'text', c => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['store_id', 'key'])
        .execute()

      let rollups = db.schema.createTable('rollups_hourly')
        .addColumn('store_id', 'text', c => c.notNull())
        .addColumn('bucket', 'text', c => c.notNull())
      for (const column of HOURLY_COLUMNS)
        rollups = rollups.addColumn(column, 'bigint', c => c.notNull().defaultTo(0))
      await rollups.addPrimaryKeyConstraint('rollups_hourly_pk', ['store_id', 'bucket']).execute()

      await db.schema.createTable('rollups_product_hourly')
        .addColumn('store_id', 'text', c => c.notNull())
        .addColumn('bucket', 'text', c => c.notNull())
        .addColumn('product', 'text', c => c.notNull())
        .addColumn('quantity', 'bigint', c => c.notNull().defaultTo(0))
        .addColumn('revenue_cents', 'bigint', c => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('rollups_product_hourly_pk', ['store_id', 'bucket', 'product'])
        .execute()
    },
  },
  '0002_kv': {
    // Key-value state for clusters on PostgreSQL without Redis (see storage/sql-kv-driver.ts).
    async up(db: Kysely<any>) {
      await db.schema.createTable('kv')
        .addColumn('key', 'text', c => c.primaryKey())
        .addColumn('value', 'text', c => c.notNull())
        .addColumn('expires_at', 'bigint')
        .execute()
    },
  },
  '0003_clustered_rollups': {
    // SQLite keeps a table in rowid order and its primary key in a separate index, so summing a store's
    // hours meant one table lookup per hour (2,160 for 90 days). WITHOUT ROWID stores the rows in the
    // key's order: a range of hours is one sequential read. (PostgreSQL reads them through its index.)
    async up(db: Kysely<any>) {
      if (!(db.getExecutor().adapter instanceof SqliteAdapter))
        return
      let hourly = db.schema.createTable('rollups_hourly_clustered')
        .addColumn('store_id', 'text', c => c.notNull())
        .addColumn('bucket', 'text', c => c.notNull())
      for (const column of HOURLY_COLUMNS)
        hourly = hourly.addColumn(column, 'bigint', c => c.notNull().defaultTo(0))
      await hourly.addPrimaryKeyConstraint('rollups_hourly_pk', ['store_id', 'bucket']).modifyEnd(sql`without rowid`).execute()
      await db.schema.createTable('rollups_product_hourly_clustered')
        .addColumn('store_id', 'text', c => c.notNull())
        .addColumn('bucket', 'text', c => c.notNull())
        .addColumn('product', 'text', c => c.notNull())
        .addColumn('quantity', 'bigint', c => c.notNull().defaultTo(0))
        .addColumn('revenue_cents', 'bigint', c => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('rollups_product_hourly_pk', ['store_id', 'bucket', 'product'])
        .modifyEnd(sql`without rowid`)
        .execute()
      for (const table of ['rollups_hourly', 'rollups_product_hourly']) {
        await sql`insert into ${sql.table(`${table}_clustered`)} select * from ${sql.table(table)}`.execute(db)
        await db.schema.dropTable(table).execute()
        await db.schema.alterTable(`${table}_clustered`).renameTo(table).execute()
      }
    },
  },
  '0004_analytics_depth': {
    // Store settings for business days and goals; payments per method in the hourly rollups (methods are
    // a fixed list, so columns keep the summary one statement); indexes for reading the orders of a
    // time span (exports, the partial hour of "same time yesterday") and the refunds of one.
    async up(db: Kysely<any>) {
      await db.schema.alterTable('stores').addColumn('day_start_minutes', 'integer', c => c.notNull().defaultTo(0)).execute()
      await db.schema.alterTable('stores').addColumn('daily_goal_cents', 'bigint').execute()
      const methodColumns = ['card', 'cash', 'other'].flatMap(method => [`method_${method}_cents`, `method_${method}_count`])
      for (const column of methodColumns)
        await db.schema.alterTable('rollups_hourly').addColumn(column, 'bigint', c => c.notNull().defaultTo(0)).execute()
      await db.schema.createIndex('orders_store_created').on('orders').columns(['store_id', 'created_at', 'id']).execute()
      await db.schema.createIndex('orders_store_refunded').on('orders').columns(['store_id', 'refunded_at']).where(sql.ref('refunded_at'), 'is not', null).execute()

      // Backfill: every payment so far, in the bucket the server gave its revenue (the store-local hour).
      const zones = new Map((await db.selectFrom('stores').select(['id', 'time_zone']).execute()).map(row => [row.id as string, row.time_zone as string]))
      const sums = new Map<string, { storeId: string, bucket: string, method: string, cents: number, count: number }>()
      let after = ''
      for (;;) {
        const rows = await db.selectFrom('payments').select(['id', 'store_id', 'method', 'amount_cents', 'created_at']).where('id', '>', after).orderBy('id').limit(5000).execute()
        if (rows.length === 0)
          break
        after = rows.at(-1)!.id
        for (const row of rows) {
          const bucket = bucketOf(row.created_at, zones.get(row.store_id) ?? 'UTC')
          const method = ['card', 'cash'].includes(row.method) ? row.method : 'other'
          const key = `${row.store_id}|${bucket}|${method}`
          const sum = sums.get(key) ?? { storeId: row.store_id, bucket, method, cents: 0, count: 0 }
          sum.cents += Number(row.amount_cents)
          sum.count++
          sums.set(key, sum)
        }
      }
      for (const sum of sums.values()) {
        await db.updateTable('rollups_hourly')
          .set({ [`method_${sum.method}_cents`]: sum.cents, [`method_${sum.method}_count`]: sum.count })
          .where('store_id', '=', sum.storeId)
          .where('bucket', '=', sum.bucket)
          .execute()
      }
    },
  },
  '0005_push': pushMigration,
  '0006_rate_counters': {
    // Attempt counters (sign-ins, registrations) for SQLite and PostgreSQL: one row per key, raised by
    // an atomic upsert, because a read-modify-write through the key-value store loses concurrent counts.
    async up(db: Kysely<any>) {
      await db.schema.createTable('rate_counters')
        .addColumn('key', 'text', c => c.primaryKey())
        .addColumn('count', 'bigint', c => c.notNull())
        .addColumn('reset_at', 'bigint', c => c.notNull())
        .execute()
      await db.schema.createIndex('rate_counters_reset_at').on('rate_counters').column('reset_at').execute()
    },
  },
  '0007_team': teamMigration,
  '0010_connectors': connectorsMigration,
  '0011_catalogue_refunds': catalogueRefundsMigration,
  '0014_backfill': backfillMigration,
  '0015_push_locale': pushLocaleMigration,
  '0016_daily_rollups': dailyRollupsMigration,
  '0018_delivery_indexes': deliveryIndexesMigration,
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
}
