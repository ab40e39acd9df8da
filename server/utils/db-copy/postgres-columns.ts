import type pg from 'pg'

export interface PostgresColumn { name: string, udt: string, default: string | null, identity: boolean }

/** The columns of every table in the current schema of a PostgreSQL database, by table. */
export async function readPostgresColumns(client: pg.Pool | pg.Client): Promise<Map<string, PostgresColumn[]>> {
  const { rows } = await client.query<{ table_name: string, column_name: string, udt_name: string, column_default: string | null, is_identity: string }>(
    `select table_name, column_name, udt_name, column_default, is_identity from information_schema.columns
     where table_schema = current_schema() order by table_name, ordinal_position`,
  )
  const tables = new Map<string, PostgresColumn[]>()
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? []
    columns.push({ name: row.column_name, udt: row.udt_name, default: row.column_default, identity: row.is_identity === 'YES' })
    tables.set(row.table_name, columns)
  }
  return tables
}

const INTEGER_TYPES = ['int2', 'int4', 'int8', 'numeric']
const FLOAT_TYPES = ['float4', 'float8']

export function isNumericType(udt: string): boolean {
  return INTEGER_TYPES.includes(udt) || FLOAT_TYPES.includes(udt)
}

/**
 * An SQLite value (integers as BigInt) as a parameter for a PostgreSQL column of type `udt`: SQLite
 * has no booleans (0/1) and no JSON type (text); bytes stay bytes; numbers go as their exact digits.
 */
export function toPostgresValue(value: unknown, udt: string): string | boolean | Buffer | null {
  if (value === null || value === undefined)
    return null
  if (udt === 'bool')
    return typeof value === 'string' ? ['1', 't', 'true'].includes(value.toLowerCase()) : Number(value) !== 0
  if (udt === 'bytea')
    return Buffer.isBuffer(value) ? value : Buffer.from(String(value))
  if (Buffer.isBuffer(value))
    return value.toString('utf8')
  return String(value)
}

// COPY's text format: tab between columns, newline between rows, \N for NULL, backslash escapes.
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/** A value as a field of `COPY … FROM STDIN` (text format), converted as toPostgresValue converts it. */
export function toCopyField(value: unknown, udt: string): string {
  const converted = toPostgresValue(value, udt)
  if (converted === null)
    return '\\N'
  if (typeof converted === 'boolean')
    return converted ? 't' : 'f'
  if (Buffer.isBuffer(converted))
    return `\\\\x${converted.toString('hex')}`
  return converted.replace(/[\\\n\r\t]/g, char => COPY_ESCAPES[char]!)
}
