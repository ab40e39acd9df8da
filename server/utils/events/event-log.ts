import type { Transaction } from 'kysely'
import type { StreamEventType } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { Database } from '../db/schema'
import type { LoggedEvent } from './types'
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

/** Deletes events older than the retention; a client asking to resume before them gets `reset`. */
export async function pruneEvents(db: Db, retentionMs: number, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - retentionMs).toISOString()
  const result = await db.deleteFrom('events').where('created_at', '<', cutoff).executeTakeFirst()
  return Number(result.numDeletedRows)
}
