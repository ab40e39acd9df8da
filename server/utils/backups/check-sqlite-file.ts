import { existsSync } from 'node:fs'
import SQLite from 'better-sqlite3'
import { listTables, quoteIdentifier } from '../db/sqlite-tables'

export interface TableCount { table: string, rows: number }
export interface SqliteFileCheck { migrations: string[], tables: TableCount[] }

/**
 * Checks that `file` is a whole Pulse database: SQLite's `integrity_check` passes, Pulse's migrations
 * table is there and names only migrations this Pulse knows (a newer file would not run here). Returns
 * its migrations and the rows of every table; throws an Error that says what is wrong.
 */
export function checkSqliteFile(file: string, knownMigrations: string[]): SqliteFileCheck {
  if (!existsSync(file))
    throw new Error(`${file} does not exist`)
  let sqlite: SQLite.Database | undefined
  try {
    sqlite = new SQLite(file, { readonly: true, fileMustExist: true })
    const problems = (sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>).map(row => row.integrity_check)
    if (problems.join() !== 'ok')
      throw new Error(`${file} fails SQLite's integrity check: ${problems.slice(0, 5).join('; ')}`)
    const hasMigrations = sqlite.prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`).get()
    if (!hasMigrations)
      throw new Error(`${file} is not a Pulse database (no migrations table)`)
    const migrations = (sqlite.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>).map(row => row.name)
    const unknown = migrations.filter(name => !knownMigrations.includes(name))
    if (unknown.length > 0)
      throw new Error(`${file} comes from a newer Pulse (migrations ${unknown.join(', ')} are unknown here)`)
    if (!migrations.includes(knownMigrations[0]!))
      throw new Error(`${file} is not a Pulse database (migration ${knownMigrations[0]} is missing)`)
    const tables = listTables(sqlite).map(table => ({
      table: table.name,
      rows: (sqlite!.prepare(`select count(*) as n from ${quoteIdentifier(table.name)}`).get() as { n: number }).n,
    }))
    return { migrations, tables }
  }
  catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB')
      throw new Error(`${file} is not an SQLite database`)
    throw error
  }
  finally {
    sqlite?.close()
  }
}

/**
 * True while another process has the database open (a running Pulse holds its WAL shared memory):
 * an exclusive lock is then refused at once.
 */
export function isDatabaseInUse(file: string): boolean {
  if (!existsSync(file))
    return false
  const sqlite = new SQLite(file, { timeout: 0, fileMustExist: true })
  try {
    sqlite.pragma('locking_mode = EXCLUSIVE')
    sqlite.exec('begin exclusive')
    sqlite.exec('commit')
    return false
  }
  catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY'))
      return true
    throw error
  }
  finally {
    sqlite.close()
  }
}
