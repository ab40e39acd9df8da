import type { Db, Trx } from '../db/connection'
import type { LockedStore, WriteFn } from './types'
import { sql } from 'kysely'
import { allowDirectStatements, directReaderOf } from '../db/direct-reads'
import { beginStoreWrite } from './begin-store-write'
import { finishStoreWrites } from './finish-store-writes'
import { lockStore } from './lock-store'
import { publishStoreWrites } from './publish-store-writes'

interface QueuedWrite {
  storeId: string
  write: WriteFn<unknown>
  resolve: (value: any) => void
  reject: (error: unknown) => void
  outcome?: { ok: true, value: unknown } | { ok: false, error: unknown }
}

// A batch waits for its commit as a whole: the bound keeps the wait of its first write short.
const MAX_WRITES_PER_COMMIT = 200

/**
 * Group commit for SQLite: writes queue while a transaction runs and the next transaction takes them
 * all. A commit costs far more than a small insert (WAL pages, the store row, the rollup upserts), and
 * SQLite has one writer anyway, so under load this multiplies the writes per second. Each write runs in
 * a savepoint: one that fails is rolled back alone and its caller gets its error.
 */
class GroupCommit {
  private queue: QueuedWrite[] = []
  private running = false

  constructor(private readonly db: Db) {}

  run<T>(storeId: string, write: WriteFn<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ storeId, write, resolve, reject })
      if (!this.running) {
        this.running = true
        // Let the requests already read in this turn of the event loop join the first transaction.
        setImmediate(() => void this.drain())
      }
    })
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_WRITES_PER_COMMIT)
      await this.commit(batch)
    }
    this.running = false
  }

  private async commit(batch: QueuedWrite[]): Promise<void> {
    const stores = new Map<string, LockedStore>()
    try {
      await this.db.transaction().execute(async (trx) => {
        const reader = directReaderOf(this.db)
        const direct = reader && allowDirectStatements(trx, reader)
        try {
          await this.runBatch(trx, batch, stores)
        }
        finally {
          direct?.end()
        }
        for (const store of stores.values()) await finishStoreWrites(trx, store, 'sqlite')
      })
    }
    catch (error) {
      // Nothing of the batch was stored.
      stores.clear()
      for (const item of batch) {
        if (item.outcome?.ok !== false)
          item.outcome = { ok: false, error }
      }
    }
    publishStoreWrites(stores.values())
    for (const item of batch) {
      const outcome = item.outcome!
      if (outcome.ok)
        item.resolve(outcome.value)
      else
        item.reject(outcome.error)
    }
  }

  /** Each write of the batch in its own savepoint: one that fails is rolled back alone, its error kept for its caller. */
  private async runBatch(trx: Trx, batch: QueuedWrite[], stores: Map<string, LockedStore>): Promise<void> {
    for (const item of batch) {
      try {
        let store = stores.get(item.storeId)
        if (!store) {
          store = await lockStore(trx, item.storeId)
          stores.set(item.storeId, store)
        }
        await sql`savepoint store_write`.execute(trx)
        const scope = beginStoreWrite(trx, store)
        try {
          const value = await item.write(scope.write)
          await sql`release store_write`.execute(trx)
          scope.keep()
          item.outcome = { ok: true, value }
        }
        catch (error) {
          await sql`rollback to store_write`.execute(trx)
          await sql`release store_write`.execute(trx)
          scope.undo()
          throw error
        }
      }
      catch (error) {
        item.outcome = { ok: false, error }
      }
    }
  }
}

const groupCommits = new WeakMap<Db, GroupCommit>()

export function runInGroupCommit<T>(db: Db, storeId: string, write: WriteFn<T>): Promise<T> {
  let groupCommit = groupCommits.get(db)
  if (!groupCommit) {
    groupCommit = new GroupCommit(db)
    groupCommits.set(db, groupCommit)
  }
  return groupCommit.run(storeId, write)
}
