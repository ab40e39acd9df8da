import type { Dialect, Trx } from '../db/connection'
import type { LockedStore } from './types'
import { applyRollupDeltas } from '../analytics/rollup-deltas'
import { useWakeUpBus } from '../cluster/wake-ups'
import { appendEvents } from '../events/event-log'

/**
 * Writes what the transaction's writes to the store add up to: the events, the rollups, the store's
 * new seq and order number, and on PostgreSQL the wake-up for the other instances when the bus sends it
 * inside the transaction (NOTIFY).
 */
export async function finishStoreWrites(trx: Trx, store: LockedStore, dialect: Dialect): Promise<void> {
  const storeId = store.row.id
  await appendEvents(trx, storeId, store.events)
  await applyRollupDeltas(trx, store.rollups)
  if (store.lastSeq !== Number(store.row.last_seq) || store.nextNumber !== Number(store.row.next_order_number))
    await trx.updateTable('stores').set({ last_seq: store.lastSeq, next_order_number: store.nextNumber }).where('id', '=', storeId).execute()
  if (dialect === 'postgres' && store.events.length > 0)
    await useWakeUpBus()?.announceInTransaction(trx, storeId, store.lastSeq)
}
