import type { Db } from '../db/connection'
import type { WriteFn } from './types'
import { useConnection } from '../db/connection'
import { beginStoreWrite } from './begin-store-write'
import { finishStoreWrites } from './finish-store-writes'
import { runInGroupCommit } from './group-commit'
import { lockStore } from './lock-store'
import { publishStoreWrites } from './publish-store-writes'

/**
 * Runs one write against a store in a transaction that first locks the store's row, so that writers to
 * the same store never leave a gap in its seqs. Rollups and the event log change in the same
 * transaction; events are published only after the commit.
 *
 * On SQLite (one connection, one writer) the writes that arrive while a commit runs share the next
 * transaction (group commit), each in its own savepoint; on PostgreSQL each write has its own
 * transaction, and the pool runs writes to different stores side by side.
 */
export async function runStoreWrite<T>(db: Db, storeId: string, write: WriteFn<T>): Promise<T> {
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
