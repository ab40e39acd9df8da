import type { Kysely } from 'kysely'

/** SQLite's one connection, for reads that need not queue behind Kysely's (see allowDirectReads). */
export interface DirectReader {
  /** Whether a transaction is open on the connection (its writes are not to be read as committed). */
  readonly inTransaction: boolean
  /** Runs one statement at once: its rows (none for a write without RETURNING). */
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

const directTransactions = new WeakMap<Kysely<any>, DirectReader>()

/**
 * Lets precompiled statements inside `trx` run straight on SQLite's connection, which the transaction
 * holds until it ends: its statements run one at a time between its awaits, so a direct one runs where
 * Kysely would have run it, without its driver's promises. Until `end()`, called as the transaction ends.
 */
export function allowDirectStatements(trx: Kysely<any>, reader: DirectReader): { end: () => void } {
  directTransactions.set(trx, reader)
  return { end: () => directTransactions.delete(trx) }
}

/** The connection allowDirectStatements gave `trx`, while its transaction runs. */
export function directStatementsOf(trx: Kysely<any>): DirectReader | undefined {
  return directTransactions.get(trx)
}
