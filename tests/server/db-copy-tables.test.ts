import type { Database } from 'better-sqlite3'
import type { Kysely, Migration } from 'kysely'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { Redis } from 'ioredis'
import { Kysely as KyselyDb, Migrator, PostgresDialect, SqliteAdapter, SqliteDialect } from 'kysely'
import pg from 'pg'
import { createStorage } from 'unstorage'
import fsDriver from 'unstorage/drivers/fs'
import { expect, it } from 'vitest'
import { copyToPostgres } from '~server/utils/db-copy/copy-to-postgres'
import { migrationProvider } from '~server/utils/db/migrations'
import { listTables, quoteIdentifier as quote } from '~server/utils/db/sqlite-tables'
import { createTestDatabase } from '../helpers/databases'

const HAS_POSTGRES = !!process.env.TEST_DATABASE_URL
const TOO_BIG_FOR_A_DOUBLE = 9_007_199_254_740_993n // 2^53 + 1

// A table of every kind of column a later migration might add, with a serial key on PostgreSQL.
const typeProbe: Migration = {
  async up(db: Kysely<any>) {
    const onSqlite = db.getExecutor().adapter instanceof SqliteAdapter
    await db.schema.createTable('type_probe')
      .addColumn('id', onSqlite ? 'integer' : 'bigserial', c => c.primaryKey())
      .addColumn('store_id', 'text', c => c.references('stores.id'))
      .addColumn('big', 'bigint')
      .addColumn('small', 'integer')
      .addColumn('bytes', onSqlite ? 'blob' : 'bytea')
      .addColumn('doc', onSqlite ? 'text' : 'jsonb')
      .addColumn('flag', 'boolean')
      .addColumn('ratio', onSqlite ? 'real' : 'double precision')
      .addColumn('note', 'text')
      .execute()
  },
}

const withProbe = { getMigrations: async () => ({ ...await migrationProvider.getMigrations(), '9999_type_probe': typeProbe }) }

/**
 * One row in every table, whatever the migrations created: parents first, a foreign key gets its
 * parent's value, every other column a value of its declared type. A table this cannot fill fails here.
 */
function fillEveryTable(sqlite: Database): void {
  const rows = new Map<string, Record<string, unknown>>()
  for (const table of listTables(sqlite)) {
    if (table.name === 'type_probe')
      continue
    const keys = sqlite.prepare(`pragma foreign_key_list(${quote(table.name)})`).all() as Array<{ table: string, from: string, to: string }>
    const row: Record<string, unknown> = {}
    for (const column of table.columns) {
      const key = keys.find(k => k.from === column.name)
      row[column.name] = key
        ? rows.get(key.table)![key.to]
        : column.type.includes('bigint')
          ? 3_000_000_000n + BigInt(column.name.length)
          : column.type.includes('int')
            ? column.name.length
            : column.type.includes('bool')
              ? 1
              : `${table.name}.${column.name} ✓`
    }
    const names = Object.keys(row)
    try {
      sqlite.prepare(`insert into ${quote(table.name)} (${names.map(quote).join(', ')}) values (${names.map(() => '?').join(', ')})`).run(...Object.values(row))
    }
    catch (error) {
      throw new Error(`could not fill ${table.name} with a generic row (teach fillEveryTable its constraint): ${(error as Error).message}`)
    }
    rows.set(table.name, row)
  }
  const storeId = rows.get('stores')!.id
  const probe = sqlite.prepare('insert into type_probe (id, store_id, big, small, bytes, doc, flag, ratio, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?)')
  probe.run(1, storeId, TOO_BIG_FOR_A_DOUBLE, 2_147_483_647, Buffer.from([0, 1, 254, 255]), '{"a": [1, "x"], "b": null}', 1, 1.25, 'café "☕" \\ \'\n\ttab\r\\N')
  probe.run(2, null, -(2n ** 40n), -1, Buffer.alloc(0), '[]', 0, -0.5, '')
  probe.run(4, storeId, 0, 0, Buffer.from('\\x00\t\n'), '{"quote": "a\\\\b\\t"}', 1, 0, '\\N')
  probe.run(3, null, null, null, null, null, null, null, null)
}

/** A value as PostgreSQL prints it in text, from the SQLite value and the PostgreSQL column type. */
function asPostgresText(value: unknown, udt: string): string | null {
  if (value === null)
    return null
  if (udt === 'bool')
    return Number(value) !== 0 ? 't' : 'f'
  if (udt === 'bytea')
    return `\\x${(value as Buffer).toString('hex')}`
  if (udt === 'jsonb')
    return JSON.stringify(JSON.parse(String(value)))
  return String(value)
}

it.skipIf(!HAS_POSTGRES)('copies every table a fresh migration creates, every column type exactly, and restarts sequences', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-copy-tables-'))
  const target = await createTestDatabase()
  const client = new pg.Client({ connectionString: target.url, types: { getTypeParser: () => (text: string) => text } })
  try {
    const file = join(dir, 'pulse.sqlite')
    const migrating = new KyselyDb<any>({ dialect: new SqliteDialect({ database: new SQLite(file) }) })
    const { error } = await new Migrator({ db: migrating, provider: withProbe }).migrateToLatest()
    expect(error).toBeUndefined()
    await migrating.destroy()

    const sqlite = new SQLite(file)
    fillEveryTable(sqlite)
    const every = (sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`).all() as Array<{ name: string }>).map(row => row.name)
    sqlite.close()

    const report = await copyToPostgres({ sqliteFile: file, targetUrl: target.url, migrations: withProbe, batchSize: 2 })
    // Every table of the SQLite file was copied: a table a later migration adds is either copied or named here.
    expect(report.tables.map(table => table.table).sort()).toEqual(every)
    expect(report.comparisons.filter(row => !row.same)).toEqual([])
    expect(report.sequences).toEqual(['type_probe.id'])

    await client.connect()
    const reader = new SQLite(file, { readonly: true })
    for (const table of listTables(reader)) {
      const { rows: types } = await client.query<{ column_name: string, udt_name: string }>('select column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = $1', [table.name])
      const udtOf = new Map(types.map(row => [row.column_name, row.udt_name]))
      const names = table.columns.map(column => column.name)
      const order = (table.primaryKey.length > 0 ? table.primaryKey : names).map(quote).join(', ')
      const expected = (reader.prepare(`select ${names.map(quote).join(', ')} from ${quote(table.name)} order by ${order}`).safeIntegers(true).all() as Array<Record<string, unknown>>)
        .map(row => Object.fromEntries(names.map(name => [name, asPostgresText(row[name], udtOf.get(name)!)])))
      const { rows: copied } = await client.query(`select ${names.map(quote).join(', ')} from ${quote(table.name)} order by ${order}`)
      const normalised = copied.map(row => Object.fromEntries(names.map(name => [name, udtOf.get(name) === 'jsonb' && row[name] !== null ? JSON.stringify(JSON.parse(row[name])) : row[name]])))
      expect(normalised, table.name).toEqual(expected)
      expect(copied.length, `${table.name} has a row`).toBeGreaterThan(0)
    }
    reader.close()
    // The indexes set aside during the copy are all back, as the migrations define them.
    const indexes = async (db: pg.Client) => (await db.query(`select indexname, indexdef from pg_indexes where schemaname = current_schema() order by indexname`)).rows
    const fresh = await createTestDatabase()
    const freshClient = new pg.Client({ connectionString: fresh.url })
    try {
      const migrated = new KyselyDb<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: fresh.url, max: 1 }) }) })
      expect((await new Migrator({ db: migrated, provider: withProbe }).migrateToLatest()).error).toBeUndefined()
      await migrated.destroy()
      await freshClient.connect()
      const expectedIndexes = await indexes(freshClient)
      expect(expectedIndexes.length).toBeGreaterThan(10)
      expect(await indexes(client)).toEqual(expectedIndexes)
    }
    finally {
      await freshClient.end().catch(() => {})
      await fresh.drop()
    }
    // The serial key continues after the copied rows.
    const { rows: [next] } = await client.query(`insert into type_probe (note) values ('after') returning id`)
    expect(next.id).toBe('5')
  }
  finally {
    await client.end().catch(() => {})
    await target.drop()
    rmSync(dir, { recursive: true, force: true })
  }
}, 60_000)

it.skipIf(!HAS_POSTGRES)('copies the sessions in kv/ files with their expiry, into the kv table or Redis, leaving expired ones behind', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-copy-kv-'))
  const now = Date.now()
  const files = createStorage({ driver: fsDriver({ base: join(dir, 'kv') }) })
  const live = { id: 'live', userId: 'u1', storeId: 's1', createdAt: new Date(now).toISOString(), expiresAt: new Date(now + 3_600_000).toISOString() }
  await files.setItem('sessions:live', live)
  await files.setItem('user-sessions:u1:live', { lastUsedAt: live.createdAt })
  await files.setItem('sessions:old', { ...live, id: 'old', expiresAt: new Date(now - 1000).toISOString() })
  await files.setItem('user-sessions:u1:old', { lastUsedAt: live.createdAt })
  await files.dispose()
  new SQLite(join(dir, 'pulse.sqlite')).close()
  const targets = [await createTestDatabase(), await createTestDatabase()]
  const prefix = `pulse-copy-test-${now.toString(36)}`
  try {
    const intoTable = await copyToPostgres({ sqliteFile: join(dir, 'pulse.sqlite'), kvDir: join(dir, 'kv'), targetUrl: targets[0]!.url })
    expect(intoTable.kv).toEqual({ keys: 4, copied: 2, expired: 2 })
    const client = new pg.Client({ connectionString: targets[0]!.url })
    await client.connect()
    const { rows } = await client.query('select key, value, expires_at::text from kv order by key')
    await client.end()
    expect(rows.map(row => [row.key, JSON.parse(row.value)])).toEqual([['sessions:live', live], ['user-sessions:u1:live', { lastUsedAt: live.createdAt }]])
    for (const row of rows) expect(Math.abs(Number(row.expires_at) - Date.parse(live.expiresAt))).toBeLessThan(2000)

    if (process.env.TEST_REDIS_URL) {
      const intoRedis = await copyToPostgres({ sqliteFile: join(dir, 'pulse.sqlite'), kvDir: join(dir, 'kv'), targetUrl: targets[1]!.url, redisUrl: process.env.TEST_REDIS_URL, redisPrefix: prefix })
      expect(intoRedis.kv).toEqual({ keys: 4, copied: 2, expired: 2 })
      const redis = new Redis(process.env.TEST_REDIS_URL)
      try {
        expect((await redis.keys(`${prefix}:*`)).sort()).toEqual([`${prefix}:sessions:live`, `${prefix}:user-sessions:u1:live`])
        expect(JSON.parse((await redis.get(`${prefix}:sessions:live`))!)).toEqual(live)
        const ttl = await redis.ttl(`${prefix}:user-sessions:u1:live`)
        expect(ttl).toBeGreaterThan(3500)
        expect(ttl).toBeLessThanOrEqual(3600)
      }
      finally {
        await redis.del(...await redis.keys(`${prefix}:*`))
        redis.disconnect()
      }
    }
  }
  finally {
    for (const target of targets) await target.drop()
    rmSync(dir, { recursive: true, force: true })
  }
}, 60_000)
