import type { Backfill } from '~shared/types/api'
import type { ConnectionBackfillsTable } from '../db/backfill-tables'
import type { Db } from '../db/connection'
import { useConfig } from '../config'
import { findConnection } from '../connectors/connections'
import { useConnection } from '../db/connection'
import { newId } from '../db/new-id'
import { createApiError } from '../http/errors'
import { instantOfWallClock } from '../time/local-time'
import { runBackfill, runsHere } from './run-backfill'

/**
 * A running import raises its heartbeat after every page (and before waiting out a `429`); one whose
 * heartbeat is older than this was interrupted (its server stopped) and may be resumed.
 */
export const BACKFILL_STALE_MS = 3 * 60_000

const INTERRUPTED = 'The import was interrupted (its server stopped). Start it again with the same date to resume where it stopped.'

/**
 * Whether a `running` import was interrupted: its heartbeat is old or, on SQLite (one instance), this
 * process does not run it (the server restarted).
 */
async function isInterrupted(row: ConnectionBackfillsTable): Promise<boolean> {
  if (row.status !== 'running')
    return false
  if (Date.parse(row.heartbeat_at) < Date.now() - BACKFILL_STALE_MS)
    return true
  return (await useConnection()).dialect === 'sqlite' && !runsHere.has(row.run_id)
}

export function toBackfill(row: ConnectionBackfillsTable | undefined, hasApiKey: boolean, interrupted = false): Backfill {
  if (!row)
    return { status: 'idle', since: null, imported: 0, skipped: 0, otherCurrency: 0, startedAt: null, finishedAt: null, hasApiKey }
  const error = interrupted ? INTERRUPTED : row.error
  return {
    status: interrupted ? 'failed' : row.status,
    since: row.since,
    imported: Number(row.imported),
    skipped: Number(row.skipped),
    otherCurrency: Number(row.other_currency),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    ...(error ? { error } : {}),
    hasApiKey,
  }
}

export async function readBackfill(db: Db, storeId: string, connectionId: string): Promise<Backfill> {
  const connection = await findConnection(db, storeId, connectionId)
  const row = await db.selectFrom('connection_backfills').selectAll().where('connection_id', '=', connection.id).executeTakeFirst()
  return toBackfill(row, !!connection.api_key, !!row && await isInterrupted(row))
}

/**
 * Starts the import of a connection's history since `since` (a date in the store's time zone) in the
 * background, one per connection (409 `backfill_running`). An import of the same date that failed or
 * was interrupted goes on from its cursor with its counts; any other starts from the beginning.
 */
export async function startBackfill(db: Db, storeId: string, connectionId: string, since: string): Promise<Backfill> {
  const connection = await findConnection(db, storeId, connectionId)
  if (!connection.api_key)
    throw createApiError('api_key_missing')
  const needsShop = connection.platform === 'shopify' || connection.platform === 'woocommerce'
  if (needsShop && !connection.shop_domain && !useConfig().apiBases[connection.platform])
    throw createApiError('shop_domain_missing')
  const store = await db.selectFrom('stores').select('time_zone').where('id', '=', storeId).executeTakeFirstOrThrow()
  const now = new Date()
  const at = now.toISOString()
  const previous = await db.selectFrom('connection_backfills').selectAll().where('connection_id', '=', connection.id).executeTakeFirst()
  const interrupted = !!previous && await isInterrupted(previous)
  const resume = previous && previous.since === since && previous.cursor !== null && (previous.status === 'failed' || interrupted)
  const row: ConnectionBackfillsTable = {
    connection_id: connection.id,
    store_id: storeId,
    status: 'running',
    since,
    run_id: newId(),
    cursor: resume ? previous.cursor : null,
    imported: resume ? Number(previous.imported) : 0,
    skipped: resume ? Number(previous.skipped) : 0,
    other_currency: resume ? Number(previous.other_currency) : 0,
    started_at: resume ? previous.started_at : at,
    finished_at: null,
    heartbeat_at: at,
    error: null,
  }
  const staleBefore = new Date(now.getTime() - BACKFILL_STALE_MS).toISOString()
  // One statement decides between two starts at once, on any instance: only one of them claims the row
  // (an interrupted run is claimed by its id, so that two starts after it still make one).
  const claimed = await db.insertInto('connection_backfills').values(row).onConflict(oc => oc.column('connection_id').doUpdateSet(row).where(eb => eb.or([
    eb('connection_backfills.status', '<>', 'running'),
    eb('connection_backfills.heartbeat_at', '<', staleBefore),
    ...(interrupted ? [eb('connection_backfills.run_id', '=', previous.run_id)] : []),
  ]))).executeTakeFirst()
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0)
    throw createApiError('backfill_running')
  const sinceInstant = new Date(instantOfWallClock(since, 0, store.time_zone))
  void runBackfill(db, connection, row.run_id, sinceInstant, row.cursor)
  return toBackfill(row, true)
}
