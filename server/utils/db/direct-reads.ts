import type { Kysely } from 'kysely'

/** SQLite's one connection, for reads that need not queue behind Kysely's (see allowDirectReads). */
export interface DirectReader {
  /** Whether a transaction is open on the connection (its writes are not to be read as committed). */
  readonly inTransaction: boolean
  all: (sql: string, parameters: ReadonlyArray<unknown>) => unknown[]
}

const directReaders = new WeakMap<Kysely<any>, DirectReader>()

/**
 * Lets precompiled queries on `db` run straight on its SQLite connection while no transaction holds it.
 * better-sqlite3 runs a statement synchronously, so such a read is what Kysely would run once its
 * connection mutex let it: the same snapshot, without the mutex's promises and the driver's objects.
 * While a transaction is open (its statements awaited one by one), reads queue behind it as before.
 */
export function allowDirectReads(db: Kysely<any>, reader: DirectReader): void {
  directReaders.set(db, reader)
}

/** The reader allowDirectReads gave `db`, if any. */
export function directReaderOf(db: Kysely<any>): DirectReader | undefined {
  return directReaders.get(db)
}
