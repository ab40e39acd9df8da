import type { Database, Statement } from 'better-sqlite3'
import type { SqliteDatabase } from 'kysely'

const MAX_STATEMENTS = 1000

/**
 * Kysely prepares every query anew; preparing costs as much as running a small one. Pulse's queries
 * repeat (the same few shapes per write), so keep the prepared statements by SQL text. Kysely's SQLite
 * driver runs one query at a time on its single connection, so a cached statement is never in use twice.
 */
export function withCachedStatements(sqlite: Database): SqliteDatabase {
  const statements = new Map<string, Statement>()
  return {
    close: () => {
      statements.clear()
      sqlite.close()
    },
    prepare: (sql: string) => {
      let statement = statements.get(sql)
      if (!statement) {
        if (statements.size >= MAX_STATEMENTS)
          statements.clear()
        statement = sqlite.prepare(sql)
        statements.set(sql, statement)
      }
      return statement as unknown as ReturnType<SqliteDatabase['prepare']>
    },
  }
}
