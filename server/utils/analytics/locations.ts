import type { LocationFigures, Locations, Role, SummaryComparison } from '~shared/types/api'
import type { Access } from '../auth/access/principal'
import type { Db, Dialect } from '../db/connection'
import type { StoresTable } from '../db/schema'
import type { ComparisonWindow, ReportQuery, ReportWindow } from './report-window'
import { currencyTotals, sortLocations } from '~shared/locations'
import { listMemberStores } from '../auth/access/list-stores'
import { roleCan } from '../auth/access/permissions'
import { isAllowed } from '../auth/access/require-permission'
import { chunks } from '../db/chunks'
import { createApiError } from '../http/errors'
import { emptyTotals, sumRowsOfStores, totalsFromRow } from './figures'
import { resolveReportWindow } from './report-window'
import { storeDaysOf } from './store-days'
import { sumStores } from './sum-stores'
import { comparisonSpans, summaryOf, toComparison } from './summary'

interface Candidate { store: StoresTable, role: Role | null }

// At most eleven parameters a store (sumStores): far below both databases' limits on bound parameters.
const STORES_PER_STATEMENT = 200

// The sums a location's row shows (revenue is net of refunds; the average needs the order total).
const LOCATION_SUMS = ['revenue', 'refunded', 'orders', 'orderTotal', 'pending'] as const

/** Each store's comparison as its summary makes it (comparisonSpans), in four statements for them all instead of four a store. */
async function compareStores(db: Db, dialect: Dialect, part: Array<{ store: StoresTable, window: ReportWindow }>): Promise<Map<string, SummaryComparison>> {
  const spansOf = new Map<ComparisonWindow, ReturnType<typeof comparisonSpans>>()
  const compared = part.flatMap(({ store, window }) => {
    const comparison = window.comparison
    if (!comparison)
      return []
    // A window is shared by stores whose days are cut alike (same time zone): so are its spans.
    let spans = spansOf.get(comparison)
    if (!spans)
      spansOf.set(comparison, spans = comparisonSpans(store, comparison))
    return [{ store, comparison, spans }]
  })
  const result = new Map<string, SummaryComparison>()
  if (compared.length === 0)
    return result
  const wholes = new Map((await sumStores(db, dialect, compared.map(({ store, spans }) => ({ storeId: store.id, timeZone: store.time_zone, ...spans.whole })))).map(row => [String(row.store_id), totalsFromRow(row)]))
  const partials = await sumRowsOfStores(db, compared.map(({ store, spans }) => ({ storeId: store.id, ...spans.partial })), dialect)
  for (const { store, comparison } of compared) result.set(store.id, toComparison(comparison, wholes.get(store.id) ?? emptyTotals(), partials.get(store.id) ?? emptyTotals()))
  return result
}

/** The stores whose figures of this range the principal may read: a person's memberships, a device or key only its own store. */
async function readableStores(access: Access, range: string): Promise<StoresTable[]> {
  const action = range === 'today' ? 'analytics:read_today' : 'analytics:read'
  const { principal, db } = access
  if (principal.type !== 'user')
    return isAllowed(access, action) ? [access.store] : []
  const candidates: Candidate[] = (await listMemberStores(db, principal.id)).map(entry => ({ store: entry.row, role: entry.role }))
  return candidates
    .filter(({ store, role }) => role !== null && roleCan(role, action, { staffCanSeeToday: Number(store.staff_can_see_today ?? 0) === 1 }))
    .map(({ store }) => store)
}

/**
 * Every readable store's figures for one range, side by side: each row is that store's own summary (its
 * business days, its time zone), by revenue; totals per currency, by currency code. 403 when the
 * principal may read the range in no store.
 */
export async function getLocations(access: Access, query: ReportQuery, now: Date): Promise<Locations> {
  const stores = await readableStores(access, query.range)
  if (stores.length === 0)
    throw createApiError('forbidden', 'You may not see the analytics of any of your stores for this range.')
  // Stores that cut days alike share their window (and its comparison's spans): time zone arithmetic once per kind of day, not once per store.
  const byDays = new Map<string, ReportWindow>()
  const windows = stores.map((store) => {
    const days = storeDaysOf(store)
    const key = `${days.timeZone} ${days.dayStartMinutes}`
    let window = byDays.get(key)
    if (!window)
      byDays.set(key, window = resolveReportWindow(query, days, now))
    return { store, window }
  })
  const sums = new Map<string, Record<string, unknown>>()
  const comparisons = new Map<string, SummaryComparison>()
  for (const part of chunks(windows, STORES_PER_STATEMENT)) {
    for (const row of await sumStores(access.db, access.dialect, part.map(({ store, window }) => ({ storeId: store.id, timeZone: store.time_zone, ...window.bounds })), LOCATION_SUMS)) sums.set(String(row.store_id), row)
    for (const [storeId, comparison] of await compareStores(access.db, access.dialect, part)) comparisons.set(storeId, comparison)
  }
  // A row shows the summary's figures and comparison only: not its sources or goal, which cost statements a store.
  const rows: LocationFigures[] = windows.map(({ store, window }) => {
    const summary = summaryOf(store, window, sums.get(store.id) ?? { last_seq: store.last_seq })
    const comparison = comparisons.get(store.id)
    return {
      storeId: store.id,
      name: store.name,
      currency: summary.currency,
      timeZone: store.time_zone,
      from: summary.from,
      to: summary.to,
      revenueCents: summary.revenueCents,
      orderCount: summary.orderCount,
      orderTotalCents: summary.orderTotalCents,
      averageOrderValueCents: summary.averageOrderValueCents,
      pendingOrderCount: summary.pendingOrderCount,
      ...(comparison ? { comparison } : {}),
      lastSeq: summary.lastSeq,
    }
  })
  // The app keeps the same order and totals as live events move the rows.
  const sorted = sortLocations(rows)
  return { range: query.range, stores: sorted, totals: currencyTotals(sorted) }
}
