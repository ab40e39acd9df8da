import type { Db, Dialect, Trx } from '../db/connection'

/**
 * Runs reads against one snapshot, so that figures and the `lastSeq` they include always agree:
 * a client applies exactly the events after that seq on top of them.
 */
export async function readSnapshot<T>(db: Db, dialect: Dialect, read: (trx: Trx) => Promise<T>): Promise<T> {
  const transaction = dialect === 'postgres' ? db.transaction().setIsolationLevel('repeatable read') : db.transaction()
  return transaction.execute(read)
}
