import type { Backend } from './databases'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { migrationProvider } from '~server/utils/db/migrations'
import { createTestDatabase } from './databases'

export interface MigratedDatabase {
  db: Kysely<any>
  dispose: () => Promise<void>
}

async function migrated(db: Kysely<any>, remove: () => Promise<void>): Promise<MigratedDatabase> {
  const dispose = async () => {
    await db.destroy()
    await remove()
  }
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest()
  if (error) {
    await dispose()
    throw error
  }
  return { db, dispose }
}

/**
 * Pulse's schema, without a server, on a database of its own: a fresh PostgreSQL database, or a
 * SQLite file in a temporary folder. `dispose()` closes and removes it.
 */
export async function openMigratedDatabase(backend: Backend): Promise<MigratedDatabase> {
  if (backend === 'postgres') {
    const database = await createTestDatabase()
    const pool = new pg.Pool({ connectionString: database.url, max: 2 })
    return migrated(new Kysely({ dialect: new PostgresDialect({ pool }) }), database.drop)
  }
  const dir = mkdtempSync(join(tmpdir(), 'pulse-test-db-'))
  const sqlite = new SQLite(join(dir, 'pulse.sqlite'))
  return migrated(new Kysely({ dialect: new SqliteDialect({ database: sqlite }) }), async () => rmSync(dir, { recursive: true, force: true }))
}
