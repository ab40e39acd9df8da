import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

// Issue 23: each store's product catalogue (the Create order form's buttons), and refunds as rows of
// their own, several per order (partial refunds). Refunds already recorded on orders become one row
// each (the order's id is free as its id: an order had at most one), so every refund is read from one
// table and `orders.refunded_cents` always equals the sum of its refunds.
export const catalogueRefundsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createTable('products')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('store_id', 'text', c => c.notNull().references('stores.id'))
      .addColumn('name', 'text', c => c.notNull())
      .addColumn('sku', 'text')
      .addColumn('price_cents', 'bigint', c => c.notNull())
      .addColumn('category', 'text')
      .addColumn('archived', 'integer', c => c.notNull().defaultTo(0))
      .addColumn('position', 'integer', c => c.notNull())
      .addColumn('created_at', 'text', c => c.notNull())
      .addColumn('updated_at', 'text', c => c.notNull())
      .execute()
    await db.schema.createIndex('products_store_position').on('products').columns(['store_id', 'position']).execute()

    await db.schema.createTable('refunds')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('order_id', 'text', c => c.notNull().references('orders.id'))
      .addColumn('store_id', 'text', c => c.notNull())
      .addColumn('amount_cents', 'bigint', c => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('created_at', 'text', c => c.notNull())
      .addColumn('refunded_by', 'text')
      .execute()
    await db.schema.createIndex('refunds_order').on('refunds').column('order_id').execute()
    // The refunds of a time span: the exact partial hour of "same time yesterday", daily summaries, re-bucketing.
    await db.schema.createIndex('refunds_store_created').on('refunds').columns(['store_id', 'created_at']).execute()
    await sql`insert into refunds (id, order_id, store_id, amount_cents, reason, created_at, refunded_by)
      select id, id, store_id, refunded_cents, null, refunded_at, coalesce(refunded_by, cancelled_by) from orders
      where refunded_cents > 0 and refunded_at is not null`.execute(db)
  },
}
