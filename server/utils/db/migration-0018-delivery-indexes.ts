import type { Kysely, Migration } from 'kysely'
import { sql, SqliteAdapter } from 'kysely'

// Every delivery wrote six b-trees (its row, its id and four indexes) and every link two, in the same
// commit as its sale. The indexes left are the ones that delivery writes need or that a page reads by:
// the event's claim (unique), the connection's deliveries by time (its page, its counts by outcome from
// the index alone, pruning), and partial indexes for the rare outcomes a lookup asks for by name, which
// an `applied` or `duplicate` delivery never writes.
export const deliveryIndexesMigration: Migration = {
  async up(db: Kysely<any>) {
    for (const index of ['connector_deliveries_prune', 'connector_deliveries_outcome', 'connector_deliveries_received'])
      await db.schema.dropIndex(index).execute()
    await db.schema.createIndex('connector_deliveries_received').on('connector_deliveries').columns(['connection_id', 'received_at', 'outcome']).execute()
    await db.schema.createIndex('connector_deliveries_held').on('connector_deliveries').column('connection_id').where(sql.ref('outcome'), '=', sql.lit('held')).execute()
    await db.schema.createIndex('connector_deliveries_failed').on('connector_deliveries').columns(['connection_id', 'received_at']).where(sql.ref('outcome'), '=', sql.lit('failed')).execute()
    await db.schema.createIndex('connector_deliveries_other_currency').on('connector_deliveries').columns(['connection_id', 'currency']).where(sql.ref('outcome'), '=', sql.lit('other_currency')).execute()
    if (!(db.getExecutor().adapter instanceof SqliteAdapter))
      return
    // SQLite keeps a rowid table and its primary key apart: WITHOUT ROWID makes a link one b-tree.
    await db.schema.createTable('connector_links_clustered')
      .addColumn('connection_id', 'text', c => c.notNull())
      .addColumn('external_ref', 'text', c => c.notNull())
      .addColumn('order_id', 'text', c => c.notNull())
      .addPrimaryKeyConstraint('connector_links_pk', ['connection_id', 'external_ref'])
      .modifyEnd(sql`without rowid`)
      .execute()
    await sql`insert into connector_links_clustered select connection_id, external_ref, order_id from connector_links`.execute(db)
    await db.schema.dropTable('connector_links').execute()
    await db.schema.alterTable('connector_links_clustered').renameTo('connector_links').execute()
  },
}
