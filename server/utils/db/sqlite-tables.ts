import type { Database } from 'better-sqlite3'

export interface SqliteColumn { name: string, type: string, notNull: boolean }

export interface SqliteTable {
  name: string
  columns: SqliteColumn[]
  /** The primary key's columns in key order (empty: the table is keyed by its rowid only). */
  primaryKey: string[]
  withoutRowid: boolean
  /** Tables this one references through foreign keys. */
  references: string[]
}

// Kysely's own bookkeeping: a target database is migrated by the Migrator, which writes these itself.
export const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock']

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`
export { quote as quoteIdentifier }

/**
 * Every table of Pulse's SQLite file (not SQLite's nor Kysely's own), read from the schema itself so
 * that a table added by a later migration is included without a change here; parents before the
 * tables whose foreign keys point at them.
 */
export function listTables(sqlite: Database): SqliteTable[] {
  const rows = sqlite.prepare(`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name`).all() as Array<{ name: string, sql: string }>
  const tables = rows.filter(row => !MIGRATION_TABLES.includes(row.name)).map((row): SqliteTable => {
    const info = sqlite.prepare(`pragma table_info(${quote(row.name)})`).all() as Array<{ name: string, type: string, notnull: number, pk: number }>
    const keys = sqlite.prepare(`pragma foreign_key_list(${quote(row.name)})`).all() as Array<{ table: string }>
    return {
      name: row.name,
      columns: info.map(column => ({ name: column.name, type: column.type.toLowerCase(), notNull: column.notnull === 1 })),
      primaryKey: info.filter(column => column.pk > 0).sort((a, b) => a.pk - b.pk).map(column => column.name),
      withoutRowid: /\bwithout\s+rowid\s*$/i.test(row.sql),
      references: [...new Set(keys.map(key => key.table))].filter(name => name !== row.name),
    }
  })
  return inDependencyOrder(tables)
}

function inDependencyOrder(tables: SqliteTable[]): SqliteTable[] {
  const byName = new Map(tables.map(table => [table.name, table]))
  const ordered: SqliteTable[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (table: SqliteTable, path: string[]) => {
    if (state.get(table.name) === 'done')
      return
    if (state.get(table.name) === 'visiting')
      throw new Error(`Foreign keys form a cycle: ${[...path, table.name].join(' → ')}`)
    state.set(table.name, 'visiting')
    for (const parent of table.references) {
      const found = byName.get(parent)
      if (found)
        visit(found, [...path, table.name])
    }
    state.set(table.name, 'done')
    ordered.push(table)
  }
  for (const table of tables) visit(table, [])
  return ordered
}

/**
 * Reads a table in pages of `size` rows in key order (rowid, or the primary key of a WITHOUT ROWID
 * table), integers as BigInt so that none above 2^53 loses digits. Call it inside a read transaction
 * for one snapshot across pages.
 */
export function* readPages(sqlite: Database, table: SqliteTable, size = 5000): Generator<Record<string, unknown>[]> {
  const columns = table.columns.map(column => quote(column.name)).join(', ')
  const key = table.withoutRowid ? table.primaryKey : ['rowid']
  const keyList = key.map(quote).join(', ')
  const select = `select ${key.map((k, i) => `${quote(k)} as "__key${i}"`).join(', ')}, ${columns} from ${quote(table.name)}`
  const first = sqlite.prepare(`${select} order by ${keyList} limit ?`).safeIntegers(true)
  const next = sqlite.prepare(`${select} where (${keyList}) > (${key.map(() => '?').join(', ')}) order by ${keyList} limit ?`).safeIntegers(true)
  let after: unknown[] | undefined
  for (;;) {
    const rows = (after ? next.all(...after, size) : first.all(size)) as Record<string, unknown>[]
    if (rows.length === 0)
      return
    const last = rows.at(-1)!
    after = key.map((_, i) => last[`__key${i}`])
    for (const row of rows) {
      for (let i = 0; i < key.length; i++) delete row[`__key${i}`]
    }
    yield rows
    if (rows.length < size)
      return
  }
}
