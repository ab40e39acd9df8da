import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'
import { orderSearchText } from '~shared/order-search'

// Each store's product catalogue (the Create order form's buttons), and refunds as rows of
// their own, several per order (partial refunds). Refunds already recorded on orders become one row
// each (the order's id is free as its id: an order had at most one), so every refund is read from one
// table and `orders.refunded_cents` always equals the sum of its refunds. Each order keeps the text an
// orders search looks in (its customer and items, lower case: `orderSearchText`), so that a search
// checks one column per order instead of reading its items.
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

    await db.schema.alterTable('orders').addColumn('search_text', 'text').execute()
    let after = ''
    for (;;) {
      const orders = await db.selectFrom('orders').select(['id', 'customer_name']).where('id', '>', after).orderBy('id').limit(1000).execute()
      if (orders.length === 0)
        break
      after = orders.at(-1)!.id
      const items = await db.selectFrom('order_items').select(['order_id', 'name']).where('order_id', 'in', orders.map(order => order.id)).orderBy('order_id').orderBy('position').execute()
      const names = new Map<string, string[]>()
      for (const item of items) names.set(item.order_id, [...(names.get(item.order_id) ?? []), item.name])
      for (const order of orders)
        await db.updateTable('orders').set({ search_text: orderSearchText(order.customer_name, names.get(order.id) ?? []) }).where('id', '=', order.id).execute()
    }
  },
}
