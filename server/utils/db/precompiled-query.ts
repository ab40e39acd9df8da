import type { Compilable, Kysely } from 'kysely'
import type { Db } from './connection'
import { CompiledQuery } from 'kysely'
import { directReaderOf } from './direct-reads'

// The parameters are the arguments, in order: they are passed as they come.
const IN_ORDER: number[] = []

// Stands for argument i while the query is compiled; never a value a caller passes.
const placeholder = (index: number) => `\u0000pulse-argument-${index}\u0000`

/** A precompiled query: run it (awaited), or `now` for its rows at once when no wait is needed. */
export interface PrecompiledQuery<Args extends string[], Row> {
  (db: Db, ...args: Args): Promise<Row[]>
  /** The rows read straight from SQLite's connection (see allowDirectReads), or undefined: run the query instead. */
  now: (db: Db, ...args: Args) => Row[] | undefined
}

interface Compiled { sql: string, parameters: ReadonlyArray<unknown>, slots: number[] }

/**
 * A query built and compiled once per database, then run with new arguments. Kysely builds and
 * compiles a query's tree on every call: for the access check every request and stream makes, that is
 * most of the request's garbage (about 15 KB) and of its time. `build` receives placeholders for the
 * arguments, which must reach the SQL as parameters (values in `where`, never identifiers). Only for
 * reads: on SQLite they may run outside Kysely (allowDirectReads, direct-reads.ts).
 */
export function precompile<Args extends string[], Row>(build: (db: Db, ...args: Args) => Compilable<Row>): PrecompiledQuery<Args, Row> {
  const compiled = new WeakMap<Kysely<any>, Compiled>()
  function compile(db: Db, args: Args): Compiled {
    let query = compiled.get(db)
    if (!query) {
      const { sql, parameters } = build(db, ...args.map((_, index) => placeholder(index)) as Args).compile()
      const slots = parameters.map(value => args.findIndex((_, index) => value === placeholder(index)))
      if (slots.filter(slot => slot >= 0).length !== args.length)
        throw new Error('precompile: every argument must appear once as a parameter of the query')
      query = { sql, parameters, slots: slots.every((slot, index) => slot === index) ? IN_ORDER : slots }
      compiled.set(db, query)
    }
    return query
  }
  const valuesOf = ({ parameters, slots }: Compiled, args: Args): ReadonlyArray<unknown> => slots === IN_ORDER ? args : slots.map((slot, index) => slot >= 0 ? args[slot] : parameters[index])
  function now(db: Db, ...args: Args): Row[] | undefined {
    const reader = directReaderOf(db)
    if (!reader || reader.inTransaction)
      return undefined
    const query = compile(db, args)
    return reader.all(query.sql, valuesOf(query, args)) as Row[]
  }
  const run = async (db: Db, ...args: Args): Promise<Row[]> => {
    const rows = now(db, ...args)
    if (rows)
      return rows
    const query = compile(db, args)
    const result = await db.executeQuery<Row>(CompiledQuery.raw(query.sql, valuesOf(query, args) as unknown[]))
    return result.rows
  }
  return Object.assign(run, { now })
}
