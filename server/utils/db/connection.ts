import type { MigrationProvider, Transaction } from 'kysely'
import type { CheckpointWorker } from './checkpoint-worker'
import type { Database } from './schema'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { useConfig } from '../config'
import { withCachedStatements } from './cached-statements'
import { startCheckpointWorker } from './checkpoint-worker'
import { allowDirectReads } from './direct-reads'
import { migrationProvider } from './migrations'

export type Dialect = 'sqlite' | 'postgres'
export type Db = Kysely<Database>
export type Trx = Transaction<Database>

// int8 (COUNT, SUM, bigint columns) and numeric (SUM of bigint) arrive as strings from pg: every value
// Pulse stores is far below 2^53, so numbers are exact.
pg.types.setTypeParser(20, Number)
pg.types.setTypeParser(1700, Number)

interface Connection { db: Db, dialect: Dialect, url: string | undefined, checkpoints?: CheckpointWorker }

let connection: Promise<Connection> | undefined

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(?:ql)?:\/\//.test(url)
}

function openDatabase(): Connection {
  const { databaseUrl, dataDir, pgPoolSize } = useConfig()
  if (isPostgresUrl(databaseUrl)) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: pgPoolSize })
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', url: databaseUrl }
  }
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, 'pulse.sqlite')
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  const checkpoints = startCheckpointWorker(sqlite, file)
  const database = withCachedStatements(sqlite)
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) })
  allowDirectReads(db, {
    get inTransaction() {
      return sqlite.inTransaction
    },
    all: (sql, parameters) => {
      const statement = database.prepare(sql)
      if (statement.reader)
        return statement.all(parameters)
      statement.run(parameters)
      return []
    },
  })
  return { db, dialect: 'sqlite', url: undefined, checkpoints }
}

/** Applies the pending migrations of `provider` (Pulse's own unless a test adds some). */
export async function migrate(db: Kysely<any>, provider: MigrationProvider = migrationProvider): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateToLatest()
  if (error)
    throw error
}

/** The connection once open and migrated, for paths that need not wait a turn for it (every request runs one). */
let opened: Connection | undefined

/** Opens the database named by the environment and applies pending migrations, once per process. */
export function useConnection(): Promise<Connection> {
  connection ??= (async () => {
    const database = openDatabase()
    await migrate(database.db)
    opened = database
    return database
  })()
  return connection
}

/** useConnection's connection when it is already open and migrated (undefined before, and after closeDb). */
export function openedConnection(): Connection | undefined {
  return opened
}

export async function useDb(): Promise<Db> {
  return (await useConnection()).db
}

export async function closeDb(): Promise<void> {
  if (!connection)
    return
  const { db, checkpoints } = await connection
  connection = undefined
  opened = undefined
  // The worker's connection closes first: the writer, closing last, folds what is left and removes the WAL.
  await checkpoints?.stop()
  await db.destroy()
}
