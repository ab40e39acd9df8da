import type { Kysely, Migration } from 'kysely'

// The history import of a connection. One row per connection holds its state, so that any
// instance answers GET; `cursor` is where the platform's list goes on, written in the same transaction
// as the sales of the page before it (a resumed import starts there and never applies a page twice).
export const backfillMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createTable('connection_backfills')
      .addColumn('connection_id', 'text', c => c.primaryKey())
      .addColumn('store_id', 'text', c => c.notNull())
      .addColumn('status', 'text', c => c.notNull())
      .addColumn('since', 'text', c => c.notNull())
      // The run that holds the import: a page commits only while its run still holds it.
      .addColumn('run_id', 'text', c => c.notNull())
      .addColumn('cursor', 'text')
      .addColumn('imported', 'bigint', c => c.notNull().defaultTo(0))
      .addColumn('skipped', 'bigint', c => c.notNull().defaultTo(0))
      .addColumn('other_currency', 'bigint', c => c.notNull().defaultTo(0))
      .addColumn('started_at', 'text', c => c.notNull())
      .addColumn('finished_at', 'text')
      // Raised by the running import after every page: a running import whose heartbeat is old was
      // interrupted (its server stopped) and can be resumed.
      .addColumn('heartbeat_at', 'text', c => c.notNull())
      .addColumn('error', 'text')
      .execute()
  },
}
