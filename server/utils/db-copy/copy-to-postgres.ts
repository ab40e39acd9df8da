import type { MigrationProvider } from 'kysely'
import type { Storage } from 'unstorage'
import type { SqliteTable } from '../db/sqlite-tables'
import type { TableComparison } from './compare-tables'
import type { KvCopy } from './copy-kv'
import type { PostgresColumn } from './postgres-columns'
import { existsSync } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { createStorage } from 'unstorage'
import fsDriver from 'unstorage/drivers/fs'
import { isDatabaseInUse } from '../backups/check-sqlite-file'
import { useConfig } from '../config'
import { migrate } from '../db/connection'
import { migrationProvider } from '../db/migrations'
import { listTables, quoteIdentifier as quote, readPages } from '../db/sqlite-tables'
import { openRedisKv } from '../storage/kv'
import { sqlKvDriver } from '../storage/sql-kv-driver'
import { compareTable } from './compare-tables'
import { copyKv } from './copy-kv'
import { readPostgresColumns, toCopyField } from './postgres-columns'

export interface CopyOptions {
  /** The embedded database (`PULSE_DATA_DIR/pulse.sqlite`); Pulse must be stopped. */
  sqliteFile: string
  /** The embedded key-value files (`PULSE_DATA_DIR/kv`: sessions), if any. */
  kvDir?: string
  /** An empty PostgreSQL database. */
  targetUrl: string
  /** Where the PostgreSQL deployment keeps sessions: its Redis (`REDIS_URL`), else the `kv` table. */
  redisUrl?: string
  redisPrefix?: string
  /** The schema to create on both sides (Pulse's migrations unless a test adds its own). */
  migrations?: MigrationProvider
  batchSize?: number
  log?: (line: string) => void
}

export interface CopiedTable { table: string, rows: number, ms: number }

export interface CopyReport {
  tables: CopiedTable[]
  comparisons: TableComparison[]
  kv: KvCopy | undefined
  sequences: string[]
  ms: number
}

async function refuseUnlessEmpty(pool: pg.Pool): Promise<void> {
  const { rows: [found] } = await pool.query<{ stores: string | null }>(`select to_regclass('stores')::text as stores`)
  if (!found?.stores)
    return
  const { rows: [count] } = await pool.query<{ n: string }>('select count(*)::text as n from stores')
  if (Number(count!.n) > 0)
    throw new Error(`The target database already holds a Pulse store (${count!.n} in stores): copy into an empty database`)
}

function checkColumns(tables: SqliteTable[], target: Map<string, PostgresColumn[]>): void {
  for (const table of tables) {
    const columns = target.get(table.name)
    if (!columns)
      throw new Error(`Table ${table.name} is in the SQLite file but not in PostgreSQL after migrating`)
    const missing = table.columns.filter(column => !columns.some(c => c.name === column.name))
    if (missing.length > 0)
      throw new Error(`Table ${table.name}: columns ${missing.map(c => c.name).join(', ')} are not in PostgreSQL`)
  }
}

async function refuseFilledTables(pool: pg.Pool, tables: SqliteTable[]): Promise<void> {
  const filled: string[] = []
  for (const table of tables) {
    const { rowCount } = await pool.query(`select 1 from ${quote(table.name)} limit 1`)
    if (rowCount)
      filled.push(table.name)
  }
  if (filled.length > 0)
    throw new Error(`The target database is not empty (rows in ${filled.join(', ')}): copy into an empty database`)
}

// One COPY per batch (its own transaction): PostgreSQL's bulk path, with no statement to plan and the
// rows written in multi-row chunks, at a cost of one round trip per batch.
async function copyTable(sqlite: SQLite.Database, pool: pg.Pool, table: SqliteTable, columns: PostgresColumn[], batchSize: number): Promise<number> {
  const types = table.columns.map(column => columns.find(c => c.name === column.name)!.udt)
  const statement = `copy ${quote(table.name)} (${table.columns.map(c => quote(c.name)).join(', ')}) from stdin`
  const client = await pool.connect()
  let rows = 0
  try {
    for (const page of readPages(sqlite, table, batchSize)) {
      let text = ''
      for (const row of page) text += `${table.columns.map((column, i) => toCopyField(row[column.name], types[i]!)).join('\t')}\n`
      await pipeline(Readable.from([text]), client.query(copyFrom(statement)))
      rows += page.length
    }
  }
  finally {
    client.release()
  }
  return rows
}

/**
 * Drops a table's secondary indexes (not those behind its primary key or unique constraints, which
 * keep the copy honest) and returns a function that builds them again from their own definitions:
 * one sort per index after the copy costs less than updating every index on every batch.
 */
async function deferIndexes(pool: pg.Pool, table: string): Promise<() => Promise<void>> {
  const { rows } = await pool.query<{ indexname: string, indexdef: string }>(
    `select indexname, indexdef from pg_indexes i where schemaname = current_schema() and tablename = $1
     and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = to_regnamespace(current_schema()))`,
    [table],
  )
  for (const index of rows) await pool.query(`drop index ${quote(index.indexname)}`)
  return async () => {
    for (const index of rows) await pool.query(index.indexdef)
  }
}

// Pulse's keys are text, but a later table may count with a serial or identity column: its sequence
// must start past the copied rows.
async function resetSequences(pool: pg.Pool, target: Map<string, PostgresColumn[]>, tables: SqliteTable[]): Promise<string[]> {
  const reset: string[] = []
  for (const table of tables) {
    for (const column of target.get(table.name) ?? []) {
      if (!column.identity && !column.default?.startsWith('nextval('))
        continue
      await pool.query(`select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${quote(column.name)}) from ${quote(table.name)}), 0) + 1, false)`, [quote(table.name), column.name])
      reset.push(`${table.name}.${column.name}`)
    }
  }
  return reset
}

async function openTargetKv(options: CopyOptions, db: Kysely<any>): Promise<Storage> {
  return options.redisUrl ? openRedisKv(options.redisUrl, options.redisPrefix || useConfig().redisPrefix) : createStorage({ driver: sqlKvDriver(db) })
}

/**
 * Copies everything in Pulse's SQLite file (and its key-value files: sessions) into an empty
 * PostgreSQL database: migrates it to Pulse's schema, copies every table the SQLite file has (read
 * from its schema, parents before children) in batches, restarts sequences, then compares counts and
 * sums table by table. Refuses a database that already holds a store, or a SQLite file in use.
 */
export async function copyToPostgres(options: CopyOptions): Promise<CopyReport> {
  const started = performance.now()
  const log = options.log ?? (() => {})
  const provider = options.migrations ?? migrationProvider
  if (!existsSync(options.sqliteFile))
    throw new Error(`No database at ${options.sqliteFile} (PULSE_DATA_DIR names the folder of pulse.sqlite)`)
  if (isDatabaseInUse(options.sqliteFile))
    throw new Error(`${options.sqliteFile} is in use: stop Pulse before copying`)

  const sqlite = new SQLite(options.sqliteFile, { fileMustExist: true })
  const source = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) })
  const pool = new pg.Pool({ connectionString: options.targetUrl, max: 2 })
  // An idle connection that the server ends (a restart, or the database dropped just after the copy) is
  // reported on the pool; a query's own failure rejects that query and stops the copy.
  pool.on('error', error => log(`a PostgreSQL connection ended: ${error.message}`))
  const target = new Kysely<any>({ dialect: new PostgresDialect({ pool }) })
  try {
    await refuseUnlessEmpty(pool)
    // Both sides at the same schema: the SQLite file as a start of this Pulse would leave it.
    await migrate(source, provider)
    await migrate(target, provider)
    const tables = listTables(sqlite)
    const columns = await readPostgresColumns(pool)
    checkColumns(tables, columns)
    await refuseFilledTables(pool, tables)

    const copied: CopiedTable[] = []
    // One read transaction: every table from the same snapshot.
    sqlite.exec('begin')
    try {
      for (const table of tables) {
        const tableStarted = performance.now()
        const rebuildIndexes = await deferIndexes(pool, table.name)
        const rows = await copyTable(sqlite, pool, table, columns.get(table.name)!, options.batchSize ?? 5000)
        await rebuildIndexes()
        copied.push({ table: table.name, rows, ms: Math.round(performance.now() - tableStarted) })
        log(`copied ${table.name}: ${rows} rows`)
      }
      const sequences = await resetSequences(pool, columns, tables)
      const comparisons: TableComparison[] = []
      for (const table of tables) comparisons.push(await compareTable(sqlite, pool, table, columns.get(table.name)!))
      sqlite.exec('commit')

      let kv: KvCopy | undefined
      if (options.kvDir && existsSync(options.kvDir)) {
        const from = createStorage({ driver: fsDriver({ base: options.kvDir }) })
        const to = await openTargetKv(options, target)
        try {
          kv = await copyKv(from, to)
          log(`copied ${kv.copied} key-value entries (sessions) of ${kv.keys}, ${kv.expired} expired left behind`)
        }
        finally {
          await Promise.allSettled([from.dispose(), to.dispose()])
        }
      }
      return { tables: copied, comparisons, kv, sequences, ms: Math.round(performance.now() - started) }
    }
    finally {
      if (sqlite.inTransaction)
        sqlite.exec('rollback')
    }
  }
  finally {
    await target.destroy()
    await source.destroy()
  }
}
