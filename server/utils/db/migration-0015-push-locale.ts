import type { Kysely, Migration } from 'kysely'

// The language a device reads its pushes in (BCP 47, as its app sent it); null for devices subscribed before
// it was asked, which keep English.
export const pushLocaleMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('push_subscriptions').addColumn('locale', 'text').execute()
  },
}
