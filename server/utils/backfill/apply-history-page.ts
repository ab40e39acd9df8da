import type { Db } from '../db/connection'
import type { ConnectionsTable } from '../db/connector-tables'
import type { StoreWrite } from '../store-writes/types'
import type { HistoryPage } from './types'
import { sql } from 'kysely'
import { applyFacts, findLinkedOrder } from '../connectors/apply-facts'
import { runStoreWrite } from '../store-writes/run-store-write'

/** What one page added to the import's counts. */
export interface PageCounts { imported: number, skipped: number, otherCurrency: number }

/** Another run took the import over (this one was thought interrupted): its pages no longer commit. */
export class BackfillTakenOver extends Error {}

/**
 * A write that lands at the sale's own time (its order, payment and rollups in that hour) and emits
 * nothing: history raises no toast and no push; the import ends with one `reset` instead.
 */
function historicWrite(w: StoreWrite, at: string): StoreWrite {
  return { ...w, now: at, emit: () => {} }
}

/**
 * Applies a page of a platform's history through the connectors' own rules (the links of their refs make
 * an imported sale and any webhook about it one order, whichever comes first), and moves the import's
 * cursor past the page in the same transaction: a page commits whole with its cursor, or not at all.
 */
export async function applyHistoryPage(db: Db, connection: ConnectionsTable, runId: string, page: HistoryPage): Promise<PageCounts> {
  return runStoreWrite(db, connection.store_id, async (w) => {
    const counts: PageCounts = { imported: 0, skipped: 0, otherCurrency: 0 }
    for (const item of page.items) {
      const write = historicWrite(w, item.at)
      for (const facts of item.facts) {
        const isSale = facts.kind !== 'refund'
        const known = facts.kind === 'sale' && await findLinkedOrder(w.trx, connection.id, facts.refs)
        const applied = await applyFacts(write, connection, facts)
        if (!isSale)
          continue
        if (applied.outcome === 'other_currency')
          counts.otherCurrency++
        else if (applied.outcome === 'applied' && !known)
          counts.imported++
        else
          counts.skipped++
      }
    }
    const moved = await w.trx.updateTable('connection_backfills')
      .set({
        cursor: page.next,
        imported: sql`imported + ${counts.imported}`,
        skipped: sql`skipped + ${counts.skipped}`,
        other_currency: sql`other_currency + ${counts.otherCurrency}`,
        heartbeat_at: new Date().toISOString(),
      })
      .where('connection_id', '=', connection.id)
      .where('run_id', '=', runId)
      .where('status', '=', 'running')
      .executeTakeFirst()
    if (Number(moved.numUpdatedRows) === 0)
      throw new BackfillTakenOver()
    return counts
  })
}
