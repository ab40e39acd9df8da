import type { MigratedDatabase } from '../helpers/migrated-database'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withCachedStatements } from '~server/utils/db/cached-statements'
import { allowDirectReads } from '~server/utils/db/direct-reads'
import { migrationProvider } from '~server/utils/db/migrations'
import { precompile, precompileWrite } from '~server/utils/db/precompiled-query'
import { BACKENDS } from '../helpers/databases'
import { openMigratedDatabase } from '../helpers/migrated-database'

const store = (id: string, name: string) => ({ id, name, time_zone: 'UTC', currency: 'USD', next_order_number: 1001, last_seq: 0, created_at: '2026-11-01T00:00:00.000Z' })

/** A migrated SQLite file opened as the server opens it: cached statements, and reads outside Kysely. */
async function openMigratedSqlite(): Promise<MigratedDatabase & { sqlite: SQLite.Database }> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-test-db-'))
  const sqlite = new SQLite(join(dir, 'pulse.sqlite'))
  const database = withCachedStatements(sqlite)
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) })
  allowDirectReads(db, {
    get inTransaction() {
      return sqlite.inTransaction
    },
    all: (sql, parameters) => database.prepare(sql).all(parameters),
  })
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest()
  if (error)
    throw error
  return { db, sqlite, dispose: async () => {
    await db.destroy()
    rmSync(dir, { recursive: true, force: true })
  } }
}

describe.each(BACKENDS)('precompile on %s', (backend) => {
  let database: MigratedDatabase
  beforeAll(async () => {
    database = await openMigratedDatabase(backend)
    await database.db.insertInto('stores').values([store('s1', 'One'), store('s2', 'Two'), store('s3', 'O\'Brien')]).execute()
  })
  afterAll(() => database?.dispose())

  it('answers as the query built afresh for every argument, with the arguments in their places', async () => {
    const select = precompile((db, id: string, name: string) => db.selectFrom('stores').select(['id', 'name']).where('id', '=', id).where('name', '!=', name).where('currency', '=', 'USD'))
    const db = database.db as any
    for (const [id, name] of [['s1', 'x'], ['s2', 'Two'], ['s3', 'One'], ['nope', 'x'], ['s1', 'One']]) {
      const fresh = await db.selectFrom('stores').select(['id', 'name']).where('id', '=', id).where('name', '!=', name).where('currency', '=', 'USD').execute()
      expect(await select(db, id, name)).toEqual(fresh)
    }
    expect(await select(db, 's3', '')).toEqual([{ id: 's3', name: 'O\'Brien' }])
  })

  it('writes in the caller\'s transaction with values of any type (an argument used twice), one compiled query for every transaction', async () => {
    const insert = precompileWrite((db, id: string, orderNumber: number, lastSeq: number) => db.insertInto('stores')
      .values({ id, name: id, time_zone: 'UTC', currency: 'USD', next_order_number: orderNumber, last_seq: lastSeq, created_at: '2026-11-01T00:00:00.000Z' })
      .onConflict(oc => oc.column('id').doNothing())
      .returning('id'))
    const db = database.db as any
    expect(await db.transaction().execute((trx: any) => insert(trx, 'w1', 1200, 0))).toEqual([{ id: 'w1' }])
    // A conflict inserts nothing and returns no row; a transaction that throws leaves nothing behind.
    expect(await db.transaction().execute((trx: any) => insert(trx, 'w1', 1300, 5))).toEqual([])
    await expect(db.transaction().execute(async (trx: any) => {
      await insert(trx, 'w2', 1400, 7)
      throw new Error('rolled back')
    })).rejects.toThrow('rolled back')
    const rows = await db.selectFrom('stores').select(['id', 'name', 'next_order_number', 'last_seq']).where('id', 'in', ['w1', 'w2']).execute()
    expect(rows.map((row: any) => [row.id, row.name, Number(row.next_order_number), Number(row.last_seq)])).toEqual([['w1', 'w1', 1200, 0]])
  })

  it('refuses a query whose argument is not a parameter', async () => {
    const select = precompile((db, column: string) => db.selectFrom('stores').select(column as 'id'))
    await expect(select(database.db as any, 'id')).rejects.toThrow(/every argument/)
  })
})

describe('precompile on SQLite with direct reads', () => {
  let database: MigratedDatabase & { sqlite: SQLite.Database }
  beforeAll(async () => {
    database = await openMigratedSqlite()
    await database.db.insertInto('stores').values([store('s1', 'One'), store('s2', 'Two')]).execute()
  })
  afterAll(() => database?.dispose())

  it('reads on the connection at once, and behind a transaction that holds it, never its uncommitted rows', async () => {
    const db = database.db as any
    const select = precompile((db, id: string) => db.selectFrom('stores').select(['id', 'name']).where('id', '=', id))
    const direct = select(db, 's1')
    // Outside a transaction the rows are there before Kysely's connection mutex could even be taken.
    const first = await Promise.race([direct, Promise.resolve('queued')])
    expect(first).toEqual([{ id: 's1', name: 'One' }])

    let release!: () => void
    const held = new Promise<void>(resolve => release = resolve)
    let inserted!: () => void
    const didInsert = new Promise<void>(resolve => inserted = resolve)
    const transaction = db.transaction().execute(async (trx: any) => {
      await trx.insertInto('stores').values(store('s9', 'Nine')).execute()
      inserted()
      await held
    })
    await didInsert
    expect(database.sqlite.inTransaction).toBe(true)
    let answer: unknown
    const read = select(db, 's9').then((rows) => {
      answer = rows
    })
    for (let turn = 0; turn < 5; turn++) await new Promise(resolve => setImmediate(resolve))
    expect(answer).toBeUndefined()
    release()
    await transaction
    await read
    expect(answer).toEqual([{ id: 's9', name: 'Nine' }])
  })
})
