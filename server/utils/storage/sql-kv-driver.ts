import type { Kysely } from 'kysely'
import type { Driver } from 'unstorage'
import { sql } from 'kysely'

/**
 * The start of a key as long as `base`, to compare with it: LIKE would read `_` and `%` in a base as
 * wildcards (and ignores case on SQLite), taking keys of other bases too. No base: '' for every key.
 */
function keyStart(base: string) {
  return sql<string>`substr(key, 1, ${[...base].length})`
}

/**
 * An unstorage driver over a `kv` table, for several instances on PostgreSQL without Redis: sessions
 * and login counters are shared through the database they already share. TTLs are honoured on read.
 */
export function sqlKvDriver(db: Kysely<any>): Driver {
  const live = (now = Date.now()) => (eb: any) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)])
  return {
    name: 'pulse-sql-kv',
    flags: { ttl: true },
    async hasItem(key) {
      return !!await db.selectFrom('kv').select('key').where('key', '=', key).where(live()).executeTakeFirst()
    },
    async getItem(key) {
      const row = await db.selectFrom('kv').select('value').where('key', '=', key).where(live()).executeTakeFirst()
      return row?.value ?? null
    },
    async setItem(key, value, options) {
      const ttl = (options as { ttl?: number } | undefined)?.ttl
      const expires_at = ttl ? Date.now() + ttl * 1000 : null
      await db.insertInto('kv').values({ key, value, expires_at }).onConflict(oc => oc.column('key').doUpdateSet({ value, expires_at })).execute()
    },
    async removeItem(key) {
      await db.deleteFrom('kv').where('key', '=', key).execute()
    },
    async getKeys(base = '') {
      const rows = await db.selectFrom('kv').select('key').where(keyStart(base), '=', base).where(live()).execute()
      return rows.map(row => row.key as string)
    },
    async clear(base = '') {
      await db.deleteFrom('kv').where(keyStart(base), '=', base).execute()
    },
  }
}
