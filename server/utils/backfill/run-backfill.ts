import type { Db } from '../db/connection'
import type { ConnectionsTable } from '../db/connector-tables'
import { PLATFORM_LABELS } from '~shared/domain'
import { resetStreamsEverywhere } from '../cluster/wake-ups'
import { applyHistoryPage, BackfillTakenOver } from './apply-history-page'
import { HISTORY_READERS } from './history-readers'
import { honourRetryAfter } from './retry-after'
import { PlatformRefused, RateLimited } from './types'

/** The runs of this process: on SQLite (one instance) a running import that is not one of them was interrupted by a restart. */
export const runsHere = new Set<string>()

function messageOf(error: unknown, platform: ConnectionsTable['platform']): string {
  if (error instanceof PlatformRefused)
    return error.message
  if (error instanceof RateLimited)
    return `${PLATFORM_LABELS[platform]} kept asking to slow down: start the import again later to resume it.`
  // Never the platform's own text (it may echo the key): what failed, in our words.
  return `Reading from ${PLATFORM_LABELS[platform]} failed (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}). Start the import again to resume it.`
}

async function finish(db: Db, connection: ConnectionsTable, runId: string, status: 'done' | 'failed', error: string | null): Promise<void> {
  await db.updateTable('connection_backfills')
    .set({ status, error, finished_at: new Date().toISOString(), ...(status === 'done' ? { cursor: null } : {}) })
    .where('connection_id', '=', connection.id)
    .where('run_id', '=', runId)
    .execute()
}

async function heartbeat(db: Db, connection: ConnectionsTable, runId: string): Promise<void> {
  await db.updateTable('connection_backfills').set({ heartbeat_at: new Date().toISOString() }).where('connection_id', '=', connection.id).where('run_id', '=', runId).execute()
}

/**
 * Reads the platform's history page by page from `cursor` and applies each page with its cursor; at the
 * end (done or failed) the store's open dashboards get one `reset` and fetch the figures afresh.
 */
export async function runBackfill(db: Db, connection: ConnectionsTable, runId: string, since: Date, cursor: string | null): Promise<void> {
  const read = HISTORY_READERS[connection.platform]
  const source = { platform: connection.platform, apiKey: connection.api_key ?? '', shopDomain: connection.shop_domain }
  let next = cursor
  runsHere.add(runId)
  try {
    do {
      const page = await honourRetryAfter(() => read(source, since, next), () => heartbeat(db, connection, runId))
      await applyHistoryPage(db, connection, runId, page)
      next = page.next
    } while (next !== null)
    await finish(db, connection, runId, 'done', null)
    console.log(`[backfill] connection=${connection.id} platform=${connection.platform} done`)
  }
  catch (error) {
    if (error instanceof BackfillTakenOver)
      return
    const message = messageOf(error, connection.platform)
    console.error(`[backfill] connection=${connection.id} platform=${connection.platform} failed: ${message}`)
    await finish(db, connection, runId, 'failed', message).catch(() => {})
  }
  finally {
    runsHere.delete(runId)
    resetStreamsEverywhere(connection.store_id)
  }
}
