import type { TestServer } from './server'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'

/** Read access to a test server's own database, to check the API against the rows it wrote. */
export interface DbReader {
  all: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>
  close: () => Promise<void>
}

/** Opens the server's database (SQLite file or PostgreSQL URL); `?` placeholders work on both. */
export async function openDbReader(server: TestServer): Promise<DbReader> {
  const url = server.env.DATABASE_URL
  if (url) {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    return {
      async all<T>(sql: string, params: unknown[] = []) {
        let index = 0
        const result = await client.query(sql.replace(/\?/g, () => `$${++index}`), params)
        return result.rows as T[]
      },
      close: () => client.end(),
    }
  }
  const sqlite = new SQLite(join(server.dataDir, 'pulse.sqlite'), { fileMustExist: true })
  sqlite.pragma('busy_timeout = 5000')
  return {
    async all<T>(sql: string, params: unknown[] = []) {
      return sqlite.prepare(sql).all(...params) as T[]
    },
    async close() {
      sqlite.close()
    },
  }
}
