import type { Compilable, Kysely } from 'kysely'
import type { Db } from './connection'
import { CompiledQuery } from 'kysely'

// Stands for argument i while the query is compiled; never a value a caller passes.
const placeholder = (index: number) => `\u0000pulse-argument-${index}\u0000`

/**
 * A query built and compiled once per database, then run with new arguments. Kysely builds and
 * compiles a query's tree on every call: for the access check every request and stream makes, that is
 * most of the request's garbage (about 15 KB) and of its time. `build` receives placeholders for the
 * arguments, which must reach the SQL as parameters (values in `where`, never identifiers).
 */
export function precompile<Args extends string[], Row>(build: (db: Db, ...args: Args) => Compilable<Row>): (db: Db, ...args: Args) => Promise<Row[]> {
  const compiled = new WeakMap<Kysely<any>, { sql: string, parameters: ReadonlyArray<unknown>, slots: number[] }>()
  return async (db, ...args) => {
    let query = compiled.get(db)
    if (!query) {
      const { sql, parameters } = build(db, ...args.map((_, index) => placeholder(index)) as Args).compile()
      const slots = parameters.map(value => args.findIndex((_, index) => value === placeholder(index)))
      if (slots.filter(slot => slot >= 0).length !== args.length)
        throw new Error('precompile: every argument must appear once as a parameter of the query')
      query = { sql, parameters, slots }
      compiled.set(db, query)
    }
    const { sql, parameters, slots } = query
    const result = await db.executeQuery<Row>(CompiledQuery.raw(sql, slots.map((slot, index) => slot >= 0 ? args[slot] : parameters[index])))
    return result.rows
  }
}
