import type { Kysely, Migration } from 'kysely'

// Connections to Stripe, Shopify, Square and WooCommerce; every delivery they make (with its
// raw payload for support, pruned after 30 days); the platform ids that name a Pulse order (so two
// events about one sale meet on one order); the source of the orders they create.
export const connectorsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createTable('connections')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('store_id', 'text', c => c.notNull().references('stores.id'))
      .addColumn('platform', 'text', c => c.notNull())
      .addColumn('name', 'text', c => c.notNull())
      // Null until the merchant pastes it (Stripe and Square show it only after the URL is registered).
      .addColumn('signing_secret', 'text')
      .addColumn('previous_secret', 'text')
      .addColumn('previous_secret_until', 'text')
      .addColumn('shop_domain', 'text')
      .addColumn('api_key', 'text')
      .addColumn('created_by', 'text', c => c.notNull())
      .addColumn('created_at', 'text', c => c.notNull())
      .addColumn('last_event_at', 'text')
      .addColumn('last_outcome', 'text')
      .execute()
    await db.schema.createIndex('connections_store').on('connections').column('store_id').execute()

    await db.schema.createTable('connector_deliveries')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('connection_id', 'text', c => c.notNull())
      .addColumn('store_id', 'text', c => c.notNull())
      .addColumn('received_at', 'text', c => c.notNull())
      .addColumn('event_type', 'text', c => c.notNull())
      // The platform's event id, set on the first delivery of an event only (repeats are `duplicate`
      // rows without it): the unique index is what makes an event apply once across instances.
      .addColumn('event_key', 'text')
      .addColumn('external_id', 'text')
      .addColumn('outcome', 'text', c => c.notNull())
      .addColumn('error', 'text')
      .addColumn('currency', 'text')
      .addColumn('amount_cents', 'bigint')
      // Held deliveries: what they will apply (JSON of their facts) once what they refer to arrives.
      .addColumn('held_facts', 'text')
      .addColumn('payload', 'text')
      .execute()
    await db.schema.createIndex('connector_deliveries_event').on('connector_deliveries').columns(['connection_id', 'event_key']).unique().execute()
    await db.schema.createIndex('connector_deliveries_received').on('connector_deliveries').columns(['connection_id', 'received_at']).execute()
    // Held deliveries are looked for on every sale; counts by outcome for the connection's page.
    await db.schema.createIndex('connector_deliveries_outcome').on('connector_deliveries').columns(['connection_id', 'outcome']).execute()
    await db.schema.createIndex('connector_deliveries_prune').on('connector_deliveries').column('received_at').execute()

    await db.schema.createTable('connector_links')
      .addColumn('connection_id', 'text', c => c.notNull())
      .addColumn('external_ref', 'text', c => c.notNull())
      .addColumn('order_id', 'text', c => c.notNull())
      .addPrimaryKeyConstraint('connector_links_pk', ['connection_id', 'external_ref'])
      .execute()

    await db.schema.alterTable('orders').addColumn('source_platform', 'text').execute()
    await db.schema.alterTable('orders').addColumn('source', 'text').execute()
  },
}
