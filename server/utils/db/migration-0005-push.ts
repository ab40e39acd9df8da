import type { Kysely, Migration } from 'kysely'

/**
 * Web Push: the VAPID key pair, the devices that subscribed, a per-store cursor into the
 * event log (how far the push worker has decided), and the outbox of pushes still to send.
 */
export const pushMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createTable('push_vapid')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('public_key', 'text', c => c.notNull())
      .addColumn('private_key', 'text', c => c.notNull())
      .addColumn('created_at', 'text', c => c.notNull())
      .execute()

    await db.schema.createTable('push_subscriptions')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('store_id', 'text', c => c.notNull())
      .addColumn('user_id', 'text', c => c.notNull())
      .addColumn('session_id', 'text', c => c.notNull())
      .addColumn('endpoint', 'text', c => c.notNull().unique())
      .addColumn('p256dh', 'text', c => c.notNull())
      .addColumn('auth', 'text', c => c.notNull())
      .addColumn('alerts', 'text', c => c.notNull())
      .addColumn('user_agent', 'text')
      .addColumn('summary_due_at', 'text')
      .addColumn('created_at', 'text', c => c.notNull())
      .addColumn('updated_at', 'text', c => c.notNull())
      .execute()
    await db.schema.createIndex('push_subscriptions_store').on('push_subscriptions').column('store_id').execute()
    await db.schema.createIndex('push_subscriptions_user').on('push_subscriptions').column('user_id').execute()
    await db.schema.createIndex('push_subscriptions_session').on('push_subscriptions').column('session_id').execute()
    await db.schema.createIndex('push_subscriptions_summary').on('push_subscriptions').column('summary_due_at').execute()

    await db.schema.createTable('push_cursors')
      .addColumn('store_id', 'text', c => c.primaryKey())
      .addColumn('last_seq', 'bigint', c => c.notNull())
      .execute()

    await db.schema.createTable('push_outbox')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('subscription_id', 'text', c => c.notNull())
      .addColumn('store_id', 'text', c => c.notNull())
      .addColumn('kind', 'text', c => c.notNull())
      .addColumn('dedupe_key', 'text', c => c.notNull())
      .addColumn('order_id', 'text')
      .addColumn('payload', 'text', c => c.notNull())
      .addColumn('not_before', 'text', c => c.notNull())
      .addColumn('claimed_until', 'text')
      .addColumn('attempts', 'integer', c => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', c => c.notNull())
      .addUniqueConstraint('push_outbox_dedupe', ['subscription_id', 'dedupe_key'])
      .execute()
    await db.schema.createIndex('push_outbox_due').on('push_outbox').column('not_before').execute()
  },
}
