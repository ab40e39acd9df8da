import type { Kysely } from 'kysely'
import type { Backend } from './databases'
import { sql } from 'kysely'

/** The plan of a query, as text: SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN with sequential scans priced out. */
export async function explainQuery(db: Kysely<any>, backend: Backend, query: { compile: () => { sql: string, parameters: readonly unknown[] } }): Promise<string> {
  const { sql: text, parameters } = query.compile()
  if (backend === 'sqlite') {
    const result = await db.executeQuery<{ detail: string }>({ sql: `explain query plan ${text}`, parameters, query: { kind: 'RawNode' } as never, queryId: { queryId: 'plan' } })
    return result.rows.map(row => row.detail).join('\n')
  }
  return db.connection().execute(async (connection) => {
    await sql`set enable_seqscan = off`.execute(connection)
    const result = await connection.executeQuery<{ 'QUERY PLAN': string }>({ sql: `explain ${text}`, parameters, query: { kind: 'RawNode' } as never, queryId: { queryId: 'plan' } })
    await sql`reset enable_seqscan`.execute(connection)
    return result.rows.map(row => row['QUERY PLAN']).join('\n')
  })
}
