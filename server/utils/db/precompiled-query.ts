import type { Compilable } from 'kysely'
import type { Db } from './connection'
import { CompiledQuery } from 'kysely'
import { directReaderOf, directStatementsOf } from './direct-reads'

// The parameters are the arguments, in order: they are passed as they come.
const IN_ORDER: number[] = []

// Stands for argument i while the query is compiled; never a value a caller passes.
const placeholder = (index: number) => `\u0000pulse-argument-${index}\u0000`

/** A precompiled query: run it (awaited), or `now` for its rows at once when no wait is needed. */
export interface PrecompiledQuery<Args extends unknown[], Row> {
  (db: Db, ...args: Args): Promise<Row[]>
  /** The rows read straight from SQLite's connection (see allowDirectReads), or undefined: run the query instead. */
  now: (db: Db, ...args: Args) => Row[] | undefined
}

interface Compiled { sql: string, parameters: ReadonlyArray<unknown>, slots: number[] }

type Build<Args extends unknown[], Row> = (db: Db, ...args: Args) => Compilable<Row>

/**
 * Compiles `build` once per dialect: keyed by the Kysely adapter, which a transaction shares with its
 * database, so a query precompiled for `db` serves every `trx` of it too.
 */
function compiler<Args extends unknown[], Row>(build: Build<Args, Row>): (db: Db, args: Args) => Compiled {
  const compiled = new WeakMap<object, Compiled>()
  return (db, args) => {
    const adapter = db.getExecutor().adapter
    let query = compiled.get(adapter)
    if (!query) {
      const { sql, parameters } = build(db, ...args.map((_, index) => placeholder(index)) as Args).compile()
      const slots = parameters.map(value => args.findIndex((_, index) => value === placeholder(index)))
      // An argument may be used several times (a multi-row insert's shared columns), but never dropped.
      if (new Set(slots.filter(slot => slot >= 0)).size !== args.length)
        throw new Error('precompile: every argument must appear as a parameter of the query')
      query = { sql, parameters, slots: slots.every((slot, index) => slot === index) ? IN_ORDER : slots }
      compiled.set(adapter, query)
    }
    return query
  }
}

const valuesOf = ({ parameters, slots }: Compiled, args: unknown[]): ReadonlyArray<unknown> => slots === IN_ORDER ? args : slots.map((slot, index) => slot >= 0 ? args[slot] : parameters[index])

async function execute<Row>(db: Db, query: Compiled, args: unknown[]): Promise<Row[]> {
  const result = await db.executeQuery<Row>(CompiledQuery.raw(query.sql, valuesOf(query, args) as unknown[]))
  return result.rows
}

/**
 * A query built and compiled once per database, then run with new arguments. Kysely builds and
 * compiles a query's tree on every call: for the access check every request and stream makes, that is
 * most of the request's garbage (about 15 KB) and of its time. `build` receives placeholders for the
 * arguments, which must reach the SQL as parameters (values in `where`, never identifiers). Only for
 * reads: on SQLite they may run outside Kysely (allowDirectReads, direct-reads.ts).
 */
export function precompile<Args extends string[], Row>(build: Build<Args, Row>): PrecompiledQuery<Args, Row> {
  const compile = compiler(build)
  function now(db: Db, ...args: Args): Row[] | undefined {
    const reader = directReaderOf(db)
    if (!reader || reader.inTransaction)
      return undefined
    const query = compile(db, args)
    return reader.all(query.sql, valuesOf(query, args)) as Row[]
  }
  const run = async (db: Db, ...args: Args): Promise<Row[]> => now(db, ...args) ?? execute<Row>(db, compile(db, args), args)
  return Object.assign(run, { now })
}

/**
 * A write (or a read inside a write) compiled once and run in the caller's transaction: for the
 * statements a hot path runs on every request (a webhook's delivery and links). Inside a SQLite store
 * write it runs straight on the connection the transaction holds (allowDirectStatements), elsewhere
 * through Kysely. Its arguments are values of any type, each a parameter; `returning` tells what a
 * conflict left undone.
 */
export function precompileWrite<Args extends unknown[], Row>(build: Build<Args, Row>): (trx: Db, ...args: Args) => Promise<Row[]> {
  const compile = compiler(build)
  return async (trx, ...args) => {
    const query = compile(trx, args)
    const direct = directStatementsOf(trx)
    return direct ? direct.all(query.sql, valuesOf(query, args)) as Row[] : execute<Row>(trx, query, args)
  }
}
