import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, useDb } from '~server/utils/db/connection'
import { runStoreWrite } from '~server/utils/store-writes/run-store-write'

// A real SQLite database in a temporary data dir: there, store writes share transactions (group commit).
const dataDir = mkdtempSync(join(tmpdir(), 'pulse-group-commit-'))
process.env.PULSE_DATA_DIR = dataDir

const STORES = ['store-a', 'store-b']

/** A write that takes an order number, inserts an order, emits an event and counts it in the rollups. */
function createWrite(storeId: string, name: string, failAfterInsert = false) {
  return async ({ trx, now, rollups, takeOrderNumber, emit }: Parameters<Parameters<typeof runStoreWrite>[2]>[0]) => {
    const number = takeOrderNumber()
    const bucket = rollups.bucketOf(now)
    await trx.insertInto('orders').values({ id: `${storeId}-${name}`, store_id: storeId, number, status: 'pending', currency: 'USD', total_cents: 100, paid_cents: 0, refunded_cents: 0, customer_name: name, note: null, bucket, created_at: now, updated_at: now, refunded_at: null }).execute()
    rollups.add(bucket, 'order_count', 1)
    emit({ type: 'order_created', order: { id: `${storeId}-${name}`, number, status: 'pending', currency: 'USD', totalCents: 100, paidCents: 0, customerName: name, createdAt: now } })
    if (failAfterInsert)
      throw new Error(`${name} failed after its insert`)
    return number
  }
}

describe('store writes on SQLite (group commit)', () => {
  beforeAll(async () => {
    const db = await useDb()
    for (const id of STORES)
      await db.insertInto('stores').values({ id, name: id, time_zone: 'UTC', currency: 'USD', next_order_number: 1001, last_seq: 0, created_at: new Date().toISOString() }).execute()
  })
  afterAll(async () => {
    await closeDb()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('commits writes that arrive together, rolls back a failing one alone, and leaves no gap', async () => {
    const db = await useDb()
    // Issued in one turn of the event loop: they share one transaction.
    const outcomes = await Promise.allSettled([
      runStoreWrite(db, 'store-a', createWrite('store-a', 'a1')),
      runStoreWrite(db, 'store-b', createWrite('store-b', 'b1')),
      runStoreWrite(db, 'store-a', createWrite('store-a', 'a2', true)),
      runStoreWrite(db, 'store-a', createWrite('store-a', 'a3')),
      runStoreWrite(db, 'missing-store', createWrite('missing-store', 'm1')),
      runStoreWrite(db, 'store-b', createWrite('store-b', 'b2')),
    ])
    expect(outcomes.map(o => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled'])
    expect(outcomes.map(o => o.status === 'fulfilled' ? o.value : null)).toEqual([1001, 1001, null, 1002, null, 1002])
    expect((outcomes[2] as PromiseRejectedResult).reason.message).toBe('a2 failed after its insert')
    expect((outcomes[4] as PromiseRejectedResult).reason.statusCode).toBe(401)

    const orders = await db.selectFrom('orders').select(['id', 'number']).orderBy('id').execute()
    expect(orders).toEqual([{ id: 'store-a-a1', number: 1001 }, { id: 'store-a-a3', number: 1002 }, { id: 'store-b-b1', number: 1001 }, { id: 'store-b-b2', number: 1002 }])
    const events = await db.selectFrom('events').select(['store_id', 'seq', 'payload']).orderBy('store_id').orderBy('seq').execute()
    expect(events.map(e => [e.store_id, Number(e.seq), JSON.parse(e.payload).order.customerName])).toEqual([['store-a', 1, 'a1'], ['store-a', 2, 'a3'], ['store-b', 1, 'b1'], ['store-b', 2, 'b2']])
    const stores = await db.selectFrom('stores').select(['id', 'last_seq', 'next_order_number']).orderBy('id').execute()
    expect(stores.map(s => [s.id, Number(s.last_seq), Number(s.next_order_number)])).toEqual([['store-a', 2, 1003], ['store-b', 2, 1003]])
    const rollups = await db.selectFrom('rollups_hourly').select(['store_id', 'order_count']).orderBy('store_id').execute()
    expect(rollups.map(r => [r.store_id, Number(r.order_count)])).toEqual([['store-a', 2], ['store-b', 2]])
  })

  it('runs a write that arrives alone at once, and the next ones after it', async () => {
    const db = await useDb()
    expect(await runStoreWrite(db, 'store-a', createWrite('store-a', 'a4'))).toBe(1003)
    expect(await runStoreWrite(db, 'store-a', createWrite('store-a', 'a5'))).toBe(1004)
    const lastSeq = await db.selectFrom('stores').select('last_seq').where('id', '=', 'store-a').executeTakeFirstOrThrow()
    expect(Number(lastSeq.last_seq)).toBe(4)
  })
})
