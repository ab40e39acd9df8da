import type { StreamEvent } from '~shared/types/api'
import type { Dialect } from '../db/connection'
import type { StoresTable } from '../db/schema'
import type { LoggedEvent } from '../events/types'
import type { StoreWrite, Trx } from './store-write'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { applyRollupDeltas, RollupDeltas } from '../analytics/rollup-deltas'
import { EVENTS_CHANNEL, notificationPayload } from '../cluster/pg-listener'
import { chunks } from '../db/chunks'
import { publishCommitted } from '../events/hub'
import { flushQuietStreams } from '../events/stream-client'
import { createApiError } from '../http/errors'

/**
 * A store whose row this transaction has locked, and what the writes to it in this transaction add up
 * to: the next seq and order number, the rollup deltas and the events to append to its log.
 */
export interface LockedStore {
  row: StoresTable
  lastSeq: number
  nextNumber: number
  rollups: RollupDeltas
  events: LoggedEvent[]
}

/**
 * Locks the store's row (`UPDATE … RETURNING`), so that concurrent writers to the same store, in this
 * process or another instance, take seqs one after another; writers to other stores do not wait.
 */
export async function lockStore(trx: Trx, storeId: string): Promise<LockedStore> {
  const row = await trx.updateTable('stores')
    .set(eb => ({ last_seq: eb.ref('last_seq') }))
    .where('id', '=', storeId)
    .returningAll()
    .executeTakeFirst()
  if (!row)
    throw createApiError(401, 'unauthorized', 'The store of this session no longer exists.')
  return { row, lastSeq: Number(row.last_seq), nextNumber: Number(row.next_order_number), rollups: new RollupDeltas(storeId, row.time_zone), events: [] }
}

/**
 * One write's view of a locked store. `keep()` adds its rollups to the store's; `undo()` forgets the
 * seqs, order numbers and events it took (after its savepoint was rolled back).
 */
export function beginStoreWrite(trx: Trx, store: LockedStore): { write: StoreWrite, keep: () => void, undo: () => void } {
  const storeId = store.row.id
  const mark = { lastSeq: store.lastSeq, nextNumber: store.nextNumber, events: store.events.length }
  const now = new Date().toISOString()
  const rollups = new RollupDeltas(storeId, store.row.time_zone)
  const write: StoreWrite = {
    trx,
    store: store.row,
    now,
    rollups,
    takeOrderNumber: () => store.nextNumber++,
    emit(event: Omit<StreamEvent, 'seq' | 'storeId' | 'at'>) {
      const seq = ++store.lastSeq
      const { type, ...rest } = event
      store.events.push({ storeId, seq, type, data: JSON.stringify({ seq, type, storeId, at: now, ...rest }), createdAt: now })
    },
  }
  return {
    write,
    keep: () => store.rollups.merge(rollups),
    undo: () => {
      store.lastSeq = mark.lastSeq
      store.nextNumber = mark.nextNumber
      store.events.length = mark.events
    },
  }
}

/**
 * Writes what the transaction's writes to the store add up to: the events, the rollups, the store's
 * new seq and order number, and on PostgreSQL the notification for the other instances.
 */
export async function finishStoreWrites(trx: Trx, store: LockedStore, dialect: Dialect): Promise<void> {
  const storeId = store.row.id
  for (const rows of chunks(store.events))
    await trx.insertInto('events').values(rows.map(event => ({ store_id: storeId, seq: event.seq, type: event.type, payload: event.data, created_at: event.createdAt! }))).execute()
  await applyRollupDeltas(trx, store.rollups)
  if (store.lastSeq !== Number(store.row.last_seq) || store.nextNumber !== Number(store.row.next_order_number))
    await trx.updateTable('stores').set({ last_seq: store.lastSeq, next_order_number: store.nextNumber }).where('id', '=', storeId).execute()
  // PostgreSQL delivers a NOTIFY only if and when the transaction commits: the other instances hear
  // of exactly the committed seqs, and read the events themselves from the log.
  if (dialect === 'postgres' && store.events.length > 0)
    await sql`select pg_notify(${EVENTS_CHANNEL}, ${notificationPayload(storeId, store.lastSeq)})`.execute(trx)
}

/**
 * After the commit: hands the stores' new events to the streams of this instance, and starts writing them
 * before the writers get their answers. A failure here leaves the commit standing: streams that miss
 * these events find them in the log when they reconnect.
 */
export function publishStoreWrites(stores: Iterable<LockedStore>): void {
  const committedAt = performance.now()
  for (const store of stores) {
    if (store.events.length === 0)
      continue
    try {
      for (const event of store.events) event.committedAt = committedAt
      publishCommitted(store.row.id, store.events)
    }
    catch (error) {
      console.error(`[orders] store=${store.row.id} could not publish committed events:`, error)
    }
  }
  flushQuietStreams()
}
