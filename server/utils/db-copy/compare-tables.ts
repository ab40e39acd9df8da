import type { Database } from 'better-sqlite3'
import type pg from 'pg'
import type { SqliteTable } from '../db/sqlite-tables'
import type { PostgresColumn } from './postgres-columns'
import { quoteIdentifier as quote } from '../db/sqlite-tables'
import { isNumericType } from './postgres-columns'

export interface TableFigures { rows: string, sums: Record<string, string | null> }
export interface TableComparison { table: string, sqlite: TableFigures, postgres: TableFigures, same: boolean }

interface Check { label: string, sqlite: string, postgres: string }

// Per column, a figure both databases compute alike: the sum of a number or a boolean, the total
// length of a text or a blob (characters and bytes on both sides). JSON columns are left to the row
// count: PostgreSQL's jsonb rewrites spacing.
function checksOf(table: SqliteTable, columns: PostgresColumn[]): Check[] {
  const checks: Check[] = []
  for (const column of table.columns) {
    const udt = columns.find(c => c.name === column.name)?.udt
    const name = quote(column.name)
    if (!udt || udt === 'json' || udt === 'jsonb')
      continue
    if (isNumericType(udt))
      checks.push({ label: `sum(${column.name})`, sqlite: `sum(${name})`, postgres: `sum(${name})::text` })
    else if (udt === 'bool')
      checks.push({ label: `sum(${column.name})`, sqlite: `sum(${name} <> 0)`, postgres: `sum(${name}::int)::text` })
    else
      checks.push({ label: `length(${column.name})`, sqlite: `sum(length(${name}))`, postgres: `sum(length(${name}))::text` })
  }
  return checks
}

const text = (value: unknown) => value === null || value === undefined ? null : String(value)

/** Counts the rows of a table on both sides and adds up each of its columns; `same` if all agree. */
export async function compareTable(sqlite: Database, client: pg.Pool | pg.Client, table: SqliteTable, columns: PostgresColumn[]): Promise<TableComparison> {
  const checks = checksOf(table, columns)
  const sqliteRow = sqlite.prepare(`select ${['count(*)', ...checks.map(c => c.sqlite)].join(', ')} from ${quote(table.name)}`).raw(true).safeIntegers(true).get() as unknown[]
  const { rows: [postgresRow] } = await client.query({ text: `select ${['count(*)::text', ...checks.map(c => c.postgres)].join(', ')} from ${quote(table.name)}`, rowMode: 'array' })
  const figures = (row: unknown[]): TableFigures => ({ rows: String(row[0]), sums: Object.fromEntries(checks.map((check, i) => [check.label, text(row[i + 1])])) })
  const sqliteFigures = figures(sqliteRow)
  const postgresFigures = figures(postgresRow as unknown[])
  return { table: table.name, sqlite: sqliteFigures, postgres: postgresFigures, same: JSON.stringify(sqliteFigures) === JSON.stringify(postgresFigures) }
}
