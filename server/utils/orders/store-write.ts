import type { Transaction } from 'kysely'
import type { StreamEvent } from '~shared/types/api'
import type { RollupDeltas } from '../analytics/rollup-deltas'
import type { Db } from '../db/connection'
import type { Database, StoresTable } from '../db/schema'
import { useConnection } from '../db/connection'
import { runInGroupCommit } from './group-commit'
import { beginStoreWrite, finishStoreWrites, lockStore, publishStoreWrites } from './locked-store'

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
 * Runs one write against a store in a transaction that first locks the store's row, so that writers to
 * the same store never leave a gap in its seqs. Rollups and the event log change in the same
 * transaction; events are published only after the commit.
 *
 * On SQLite (one connection, one writer) the writes that arrive while a commit runs share the next
 * transaction (group commit), each in its own savepoint; on PostgreSQL each write has its own
 * transaction, and the pool runs writes to different stores side by side.
 */
export async function runStoreWrite<T>(db: Db, storeId: string, write: (w: StoreWrite) => Promise<T>): Promise<T> {
  const { dialect } = await useConnection()
  if (dialect === 'sqlite')
    return runInGroupCommit(db, storeId, write)
  const store = await db.transaction().execute(async (trx) => {
    const locked = await lockStore(trx, storeId)
    const scope = beginStoreWrite(trx, locked)
    const value = await write(scope.write)
    scope.keep()
    await finishStoreWrites(trx, locked, dialect)
    return { locked, value }
  })
  publishStoreWrites([store.locked])
  return store.value
}
