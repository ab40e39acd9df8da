import type { EmittedEvent } from '~shared/types/api'
import type { RollupDeltas } from '../analytics/rollup-deltas'
import type { Trx } from '../db/connection'
import type { StoresTable } from '../db/schema'
import type { LoggedEvent } from '../events/types'

/** What a write to one store can do inside its transaction. */
export interface StoreWrite {
  trx: Trx
  store: StoresTable
  now: string
  rollups: RollupDeltas
  /** Takes the next order number of the store. */
  takeOrderNumber: () => number
  /** Appends an event to the store's log; its seq is assigned here, gapless and in commit order. */
  emit: (event: EmittedEvent) => void
}

/** A use case's part of a store write: its result is the caller's answer. */
export type WriteFn<T> = (w: StoreWrite) => Promise<T>

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
 * One write's view of a locked store. `keep()` adds its rollups to the store's; `undo()` forgets the
 * seqs, order numbers and events it took (after its savepoint was rolled back).
 */
export interface WriteScope {
  write: StoreWrite
  keep: () => void
  undo: () => void
}
