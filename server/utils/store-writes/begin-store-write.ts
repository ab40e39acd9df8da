import type { EmittedEvent } from '~shared/types/api'
import type { Trx } from '../db/connection'
import type { LockedStore, StoreWrite, WriteScope } from './types'
import { RollupDeltas } from '../analytics/rollup-deltas'
import { currentTime } from '../time/clock'

/**
 * Opens one write on a locked store: it takes seqs and order numbers from the store, and gathers its
 * rollups apart until `keep()`, so that a write rolled back to its savepoint leaves no trace (`undo()`).
 */
export function beginStoreWrite(trx: Trx, store: LockedStore): WriteScope {
  const storeId = store.row.id
  const mark = { lastSeq: store.lastSeq, nextNumber: store.nextNumber, events: store.events.length }
  const now = currentTime().toISOString() // the test clock, when enabled (time/clock.ts)
  const rollups = new RollupDeltas(storeId, store.row.time_zone)
  const write: StoreWrite = {
    trx,
    store: store.row,
    now,
    rollups,
    takeOrderNumber: () => store.nextNumber++,
    emit(event: EmittedEvent) {
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
