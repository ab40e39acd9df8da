import type { Transaction } from 'kysely'
import type { StreamEventType } from '~shared/types/api'
import type { Db, Dialect } from '../db/connection'
import type { Database } from '../db/schema'
import type { LoggedEvent } from './types'
import { sql } from 'kysely'
import { chunks } from '../db/chunks'

/** Appends a store's events to its log, in the transaction that took their seqs. */
export async function appendEvents(trx: Transaction<Database>, storeId: string, events: LoggedEvent[]): Promise<void> {
  for (const rows of chunks(events))
    await trx.insertInto('events').values(rows.map(event => ({ store_id: storeId, seq: event.seq, type: event.type, payload: event.data, created_at: event.createdAt! }))).execute()
}

/** Events of a store with after < seq <= upTo, in order, at most `limit`. */
export async function readEvents(db: Db, storeId: string, after: number, upTo: number, limit = 500): Promise<LoggedEvent[]> {
  const rows = await db.selectFrom('events')
    .select(['seq', 'type', 'payload'])
    .where('store_id', '=', storeId)
    .where('seq', '>', after)
    .where('seq', '<=', upTo)
    .orderBy('seq')
    .limit(limit)
    .execute()
  return rows.map(row => ({ storeId, seq: Number(row.seq), type: row.type as StreamEventType, data: row.payload }))
}

/** Where a store's page of the log starts and ends: its events with after < seq <= upTo. */
export interface LogRead { storeId: string, after: number, upTo: number }

/** A store's page of the log, and the oldest seq its log still holds (null when it holds none). */
export interface LogPage { oldestSeq: number | null, events: LoggedEvent[] }

// Two branches a store (its page, its oldest seq): SQLite allows 500 terms in a compound select.
const READS_PER_STATEMENT = 200

/**
 * readEvents of several stores, each with the oldest seq of its log, in one statement instead of three
 * a store: a stream over every store resumes them all at once. Each store reads its own primary-key
 * range. SQLite: a UNION ALL of two branches a store. PostgreSQL: the stores' ranges as arrays, each read
 * by a lateral subquery; planning a UNION ALL of 100 branches took four times as long as running it.
 * Every store read has a page in the result, empty when nothing matched.
 */
export async function readLogPages(db: Db, dialect: Dialect, reads: LogRead[], limit = 500): Promise<Map<string, LogPage>> {
  const pages = new Map<string, LogPage>(reads.map(read => [read.storeId, { oldestSeq: null, events: [] }]))
  for (const part of chunks(reads, READS_PER_STATEMENT)) {
    const { rows } = await (dialect === 'postgres' ? readPagesOfArrays(part, limit) : readPagesOfBranches(part, limit)).execute(db)
    for (const row of rows) {
      const page = pages.get(row.store_id)!
      if (row.type === null)
        page.oldestSeq = row.seq === null ? null : Number(row.seq)
      else
        page.events.push({ storeId: row.store_id, seq: Number(row.seq), type: row.type as StreamEventType, data: row.payload! })
    }
  }
  // A UNION ALL keeps each branch's order in practice, not by definition.
  for (const page of pages.values()) page.events.sort((a, b) => a.seq - b.seq)
  return pages
}

/** A row of a page (`type` set) or a store's oldest seq (`type` null). */
interface PageRow { store_id: string, seq: number | string | null, type: string | null, payload: string | null }

function readPagesOfBranches(reads: LogRead[], limit: number) {
  const branches = reads.flatMap(({ storeId, after, upTo }) => [
    sql`select * from (select store_id, seq, type, payload from events where store_id = ${storeId} and seq > ${after} and seq <= ${upTo} order by seq limit ${limit}) as page`,
    sql`select cast(${storeId} as text) as store_id, (select seq from events where store_id = ${storeId} order by seq limit 1) as seq, null as type, null as payload`,
  ])
  return sql<PageRow>`${sql.join(branches, sql` union all `)}`
}

function readPagesOfArrays(reads: LogRead[], limit: number) {
  const storeIds = reads.map(read => read.storeId)
  return sql<PageRow>`select s.store_id, e.seq, e.type, e.payload
    from unnest(cast(${storeIds} as text[]), cast(${reads.map(read => read.after)} as bigint[]), cast(${reads.map(read => read.upTo)} as bigint[])) as s(store_id, after_seq, up_to)
    cross join lateral (select seq, type, payload from events where store_id = s.store_id and seq > s.after_seq and seq <= s.up_to order by seq limit ${limit}) as e
    union all
    select s.store_id, (select seq from events where store_id = s.store_id order by seq limit 1), null, null from unnest(cast(${storeIds} as text[])) as s(store_id)`
}

/** The store's newest seq and the oldest seq the log still holds (null when it holds none). */
export async function readLogBounds(db: Db, storeId: string): Promise<{ lastSeq: number, oldestSeq: number | null } | null> {
  const store = await db.selectFrom('stores').select('last_seq').where('id', '=', storeId).executeTakeFirst()
  if (!store)
    return null
  const oldest = await db.selectFrom('events').select('seq').where('store_id', '=', storeId).orderBy('seq').limit(1).executeTakeFirst()
  return { lastSeq: Number(store.last_seq), oldestSeq: oldest ? Number(oldest.seq) : null }
}

export async function readLastSeq(db: Db, storeId: string): Promise<number> {
  const store = await db.selectFrom('stores').select('last_seq').where('id', '=', storeId).executeTakeFirst()
  return store ? Number(store.last_seq) : 0
}

/** readLastSeq of several stores in one statement (500 a statement); a store not found is absent. */
export async function readLastSeqs(db: Db, storeIds: string[]): Promise<Map<string, number>> {
  const seqs = new Map<string, number>()
  for (const ids of chunks(storeIds)) {
    for (const row of await db.selectFrom('stores').select(['id', 'last_seq']).where('id', 'in', ids).execute())
      seqs.set(row.id, Number(row.last_seq))
  }
  return seqs
}

/** Deletes events older than the retention; a client asking to resume before them gets `reset`. */
export async function pruneEvents(db: Db, retentionMs: number, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - retentionMs).toISOString()
  const result = await db.deleteFrom('events').where('created_at', '<', cutoff).executeTakeFirst()
  return Number(result.numDeletedRows)
}
