import type { Transaction } from 'kysely'
import type { StreamEvent } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { Database, StoresTable } from '../db/schema'
import type { LoggedEvent } from '../events/types'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { applyRollupDeltas, RollupDeltas } from '../analytics/rollup-deltas'
import { EVENTS_CHANNEL, notificationPayload } from '../cluster/pg-listener'
import { useConnection } from '../db/connection'
import { publishCommitted } from '../events/hub'
import { createApiError } from '../http/errors'

export type Trx = Transaction<Database>

/** What a write to one store can do inside its transaction. */
export interface StoreWrite {
  trx: Trx
  store: StoresTable
  now: string
  rollups: RollupDeltas
  /** Takes the next order number of the store. */
  takeOrderNumber: () => number
  /** Appends an event to the store's log; its seq is assigned here, gapless and in commit order. */
  emit: (event: Omit<StreamEvent, 'seq' | 'storeId' | 'at'>) => void
}

/**
 * Runs one write against a store in a transaction that first locks the store's row, so that concurrent
 * writers to the same store (in this process or another instance) take seqs one after another and
 * never leave a gap; writers to other stores do not wait. Rollups and the event log change in the same
 * transaction; events are published only after the commit.
 */
export async function runStoreWrite<T>(db: Db, storeId: string, write: (w: StoreWrite) => Promise<T>): Promise<T> {
  const { dialect } = await useConnection()
  const events: LoggedEvent[] = []
  const result = await db.transaction().execute(async (trx) => {
    const store = await trx.updateTable('stores')
      .set(eb => ({ last_seq: eb.ref('last_seq') }))
      .where('id', '=', storeId)
      .returningAll()
      .executeTakeFirst()
    if (!store)
      throw createApiError(401, 'unauthorized', 'The store of this session no longer exists.')
    const now = new Date().toISOString()
    let nextNumber = Number(store.next_order_number)
    let lastSeq = Number(store.last_seq)
    const rollups = new RollupDeltas(storeId, store.time_zone)
    const pending: Array<{ store_id: string, seq: number, type: string, payload: string, created_at: string }> = []
    const value = await write({
      trx,
      store,
      now,
      rollups,
      takeOrderNumber: () => nextNumber++,
      emit(event) {
        const seq = ++lastSeq
        const { type, ...rest } = event
        const data = JSON.stringify({ seq, type, storeId, at: now, ...rest })
        pending.push({ store_id: storeId, seq, type: event.type, payload: data, created_at: now })
        events.push({ storeId, seq, type: event.type, data })
      },
    })
    if (pending.length > 0)
      await trx.insertInto('events').values(pending).execute()
    await applyRollupDeltas(trx, rollups)
    if (lastSeq !== Number(store.last_seq) || nextNumber !== Number(store.next_order_number))
      await trx.updateTable('stores').set({ last_seq: lastSeq, next_order_number: nextNumber }).where('id', '=', storeId).execute()
    // PostgreSQL delivers a NOTIFY only if and when the transaction commits: the other instances hear
    // of exactly the committed seqs, and read the events themselves from the log.
    if (dialect === 'postgres' && pending.length > 0)
      await sql`select pg_notify(${EVENTS_CHANNEL}, ${notificationPayload(storeId, lastSeq)})`.execute(trx)
    return value
  })
  if (events.length > 0) {
    const committedAt = performance.now()
    for (const event of events) event.committedAt = committedAt
    publishCommitted(storeId, events)
  }
  return result
}
