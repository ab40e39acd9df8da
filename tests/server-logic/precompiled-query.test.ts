import type { MigratedDatabase } from '../helpers/migrated-database'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompile } from '~server/utils/db/precompiled-query'
import { BACKENDS } from '../helpers/databases'
import { openMigratedDatabase } from '../helpers/migrated-database'

const store = (id: string, name: string) => ({ id, name, time_zone: 'UTC', currency: 'USD', next_order_number: 1001, last_seq: 0, created_at: '2026-11-01T00:00:00.000Z' })

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

  it('refuses a query whose argument is not a parameter', async () => {
    const select = precompile((db, column: string) => db.selectFrom('stores').select(column as 'id'))
    await expect(select(database.db as any, 'id')).rejects.toThrow(/every argument/)
  })
})
