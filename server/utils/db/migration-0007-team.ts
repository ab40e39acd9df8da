import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

// A user belongs to stores through memberships (a role per store); counter devices, their
// pairing codes, invitations and API keys (stored hashed); who did what on orders and payments (JSON
// actors); the store setting that lets staff see today's figures.
export const teamMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createTable('memberships')
      .addColumn('store_id', 'text', c => c.notNull().references('stores.id'))
      .addColumn('user_id', 'text', c => c.notNull().references('users.id'))
      .addColumn('role', 'text', c => c.notNull())
      .addColumn('created_at', 'text', c => c.notNull())
      .addColumn('last_seen_at', 'text')
      .addPrimaryKeyConstraint('memberships_pk', ['store_id', 'user_id'])
      .execute()
    await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute()
    // Every existing user owns the store it registered.
    await sql`insert into memberships (store_id, user_id, role, created_at) select store_id, id, 'owner', created_at from users`.execute(db)

    await db.schema.createTable('invitations')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('store_id', 'text', c => c.notNull().references('stores.id'))
      .addColumn('role', 'text', c => c.notNull())
      .addColumn('email', 'text')
      .addColumn('token_hash', 'text', c => c.notNull().unique())
      .addColumn('created_by', 'text', c => c.notNull())
      .addColumn('created_at', 'text', c => c.notNull())
      .addColumn('expires_at', 'text', c => c.notNull())
      .addColumn('accepted_at', 'text')
      .addColumn('accepted_by', 'text')
      .execute()
    await db.schema.createIndex('invitations_store').on('invitations').column('store_id').execute()

    await db.schema.createTable('devices')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('store_id', 'text', c => c.notNull().references('stores.id'))
      .addColumn('name', 'text', c => c.notNull())
      .addColumn('session_id', 'text')
      .addColumn('created_by', 'text', c => c.notNull())
      .addColumn('created_at', 'text', c => c.notNull())
      .addColumn('last_seen_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute()
    await db.schema.createIndex('devices_store').on('devices').column('store_id').execute()

    await db.schema.createTable('pairing_codes')
      .addColumn('code_hash', 'text', c => c.primaryKey())
      .addColumn('store_id', 'text', c => c.notNull().references('stores.id'))
      .addColumn('name', 'text')
      .addColumn('created_by', 'text', c => c.notNull())
      .addColumn('created_at', 'text', c => c.notNull())
      .addColumn('expires_at', 'text', c => c.notNull())
      .addColumn('used_at', 'text')
      .execute()

    await db.schema.createTable('api_keys')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('store_id', 'text', c => c.notNull().references('stores.id'))
      .addColumn('name', 'text', c => c.notNull())
      .addColumn('scopes', 'text', c => c.notNull())
      .addColumn('key_hash', 'text', c => c.notNull().unique())
      .addColumn('prefix', 'text', c => c.notNull())
      .addColumn('created_by', 'text', c => c.notNull())
      .addColumn('created_at', 'text', c => c.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .addColumn('stream_session_id', 'text')
      .execute()
    await db.schema.createIndex('api_keys_store').on('api_keys').column('store_id').execute()

    await db.schema.alterTable('stores').addColumn('staff_can_see_today', 'integer', c => c.notNull().defaultTo(0)).execute()
    for (const column of ['created_by', 'cancelled_by', 'refunded_by'])
      await db.schema.alterTable('orders').addColumn(column, 'text').execute()
    await db.schema.alterTable('payments').addColumn('received_by', 'text').execute()
  },
}
