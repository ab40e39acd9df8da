import SQLite from 'better-sqlite3'
import { Kysely, Migrator, sql, SqliteDialect } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrationProvider } from '~server/utils/db/migrations'
import { BACKENDS } from '../helpers/databases'
import { openMigratedDatabase } from '../helpers/migrated-database'
import { explainQuery } from '../helpers/query-plan'
import { useSuiteResource } from '../helpers/suite-resource'

describe.each(BACKENDS)('connector deliveries: the indexes each lookup reads (%s)', (backend) => {
  const database = useSuiteResource('the database', () => openMigratedDatabase(backend), opened => opened.dispose())

  const explain = (query: Parameters<typeof explainQuery>[2]) => explainQuery(database().db, backend, query)
  const deliveries = () => database().db.selectFrom('connector_deliveries')

  it('finds held deliveries, the last failures and the sales in other currencies on partial indexes, and counts by outcome from the connection\'s index', async () => {
    const held = await explain(deliveries().select(['id', 'held_facts']).where('connection_id', '=', 'c').where('outcome', '=', sql.lit('held')))
    const failed = await explain(deliveries().selectAll().where('connection_id', '=', 'c').where('outcome', '=', sql.lit('failed')).orderBy('received_at', 'desc').limit(5))
    const other = await explain(deliveries().select(['currency', eb => eb.fn.countAll().as('n')]).where('connection_id', '=', 'c').where('outcome', '=', sql.lit('other_currency')).groupBy('currency'))
    const counts = await explain(deliveries().select(['outcome', eb => eb.fn.countAll().as('n')]).where('connection_id', '=', 'c').groupBy('outcome'))
    const prune = await explain(database().db.deleteFrom('connector_deliveries').where('connection_id', '=', 'c').where('received_at', '<', 'x').where('outcome', '!=', sql.lit('held')))
    expect(held).toMatch(/connector_deliveries_held/)
    expect(failed).toMatch(/connector_deliveries_failed/)
    expect(other).toMatch(/connector_deliveries_other_currency/)
    expect(counts).toMatch(/connector_deliveries_received/)
    expect(prune).toMatch(/connector_deliveries_received/)
    for (const plan of [held, failed, other, counts, prune]) expect(plan).not.toMatch(/SCAN connector_deliveries$|SCAN connector_deliveries\n|Seq Scan/m)
  })
})

describe('migration 0018_delivery_indexes', () => {
  it('keeps every link of a connection as SQLite rebuilds their table without rowids', async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) })
    const migrator = new Migrator({ db, provider: migrationProvider })
    expect((await migrator.migrateTo('0015_push_locale')).error).toBeUndefined()
    const links = [{ connection_id: 'c', external_ref: 'pi_1', order_id: 'o1' }, { connection_id: 'c', external_ref: 'ch_1', order_id: 'o1' }]
    await db.insertInto('connector_links').values(links).execute()
    expect((await migrator.migrateToLatest()).error).toBeUndefined()
    expect(await db.selectFrom('connector_links').selectAll().orderBy('external_ref', 'desc').execute()).toEqual(links)
    const { sql: definition } = await db.selectFrom('sqlite_master').select('sql').where('name', '=', 'connector_links').executeTakeFirstOrThrow()
    expect(definition).toMatch(/without rowid/i)
    // The key still makes a link unique: the second claim of a ref does nothing.
    await db.insertInto('connector_links').values(links[0]).onConflict(oc => oc.doNothing()).execute()
    expect(await db.selectFrom('connector_links').select(eb => eb.fn.countAll().as('n')).executeTakeFirst()).toEqual({ n: 2 })
    await db.destroy()
  })
})
