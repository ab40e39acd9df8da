import type { Summary, SummaryComparison } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { StoresTable } from '../db/schema'
import type { Totals } from './figures'
import type { ComparisonWindow, ReportQuery, ReportWindow } from './report-window'
import { bucketOf } from '../time/local-time'
import { getBySource } from './by-source'
import { addTotals, rollupSums, sumRollups, sumRows, toFigures, totalsFromRow } from './figures'
import { getGoal } from './goal'
import { resolveReportWindow } from './report-window'
import { storeDaysOf } from './store-days'

/**
 * Where the comparison's figures come from: whole hours from the rollups, and the hour the cut falls in
 * (when the current range reaches now) from the orders and payments of that part of the hour, so that
 * "today" meets yesterday up to the same minute exactly.
 */
export function comparisonSpans(store: StoresTable, window: ComparisonWindow): { whole: { from: string, to: string }, partial: { from: string, to: string } } {
  const hour = bucketOf(window.cut, store.time_zone)
  const start = hour < window.bounds.from ? window.bounds.from : hour
  return { whole: { from: window.bounds.from, to: start }, partial: { from: start, to: window.cut } }
}

/** The comparison from the sums of its two spans (comparisonSpans). */
export function toComparison(window: ComparisonWindow, whole: Totals, partial: Totals): SummaryComparison {
  return { compare: window.compare, from: window.bounds.from, to: window.cut, ...toFigures(addTotals(whole, partial)) }
}

async function getComparison(db: Db, store: StoresTable, window: ComparisonWindow): Promise<SummaryComparison> {
  const { whole, partial } = comparisonSpans(store, window)
  return toComparison(window, await sumRollups(db, store.id, whole.from, whole.to), await sumRows(db, store.id, partial.from, partial.to))
}

/** A summary's figures of a resolved window from the rollup sums of its range and its `lastSeq` (one statement's row). */
export function summaryOf(store: StoresTable, window: ReportWindow, row: Record<string, unknown>): Summary {
  return {
    range: window.range,
    from: window.bounds.from,
    to: window.bounds.to,
    currency: store.currency,
    ...toFigures(totalsFromRow(row)),
    lastSeq: Number(row.last_seq),
  }
}

/**
 * A store's summary of a resolved window from the rollup sums of its range and its `lastSeq`, which the
 * caller read in one statement (one snapshot): adds the comparison and, on today, the goal.
 */
export async function completeSummary(db: Db, store: StoresTable, window: ReportWindow, row: Record<string, unknown>, now: Date): Promise<Summary> {
  const { bounds } = window
  const summary = summaryOf(store, window, row)
  if (window.comparison)
    summary.comparison = await getComparison(db, store, window.comparison)
  const bySource = await getBySource(db, store.id, bounds.from, bounds.to)
  if (bySource)
    summary.bySource = bySource
  if (window.range === 'today' && store.daily_goal_cents)
    summary.goal = await getGoal(db, store, Number(store.daily_goal_cents), summary.revenueCents, now)
  return summary
}

/**
 * Sums the hourly rollups of the range: the cost grows with the number of hours, not of orders. One
 * statement reads the sums and the store's `lastSeq` from one snapshot (in SQLite and in PostgreSQL
 * alike), so that a client applies exactly the events after that seq on top of them — no transaction.
 */
export async function getSummary(db: Db, store: StoresTable, query: ReportQuery, now = new Date()): Promise<Summary> {
  const window = resolveReportWindow(query, storeDaysOf(store), now)
  const { bounds } = window
  const row = await db.selectFrom('rollups_hourly')
    .where('store_id', '=', store.id)
    .where('bucket', '>=', bounds.from)
    .where('bucket', '<', bounds.to)
    .select(eb => [...rollupSums(), eb.selectFrom('stores').select('last_seq').where('id', '=', store.id).as('last_seq')])
    .executeTakeFirstOrThrow()
  return completeSummary(db, store, window, row, now)
}
