import type { LocationFigures, Locations, Role, SummaryComparison } from '~shared/types/api'
import type { Access } from '../auth/access/principal'
import type { Db, Dialect } from '../db/connection'
import type { StoresTable } from '../db/schema'
import type { StoreSpan } from './figures'
import type { ComparisonWindow, ReportQuery, ReportWindow } from './report-window'
import { sql } from 'kysely'
import { currencyTotals, sortLocations } from '~shared/locations'
import { listMemberStores } from '../auth/access/list-stores'
import { roleCan } from '../auth/access/permissions'
import { isAllowed } from '../auth/access/require-permission'
import { chunks } from '../db/chunks'
import { createApiError } from '../http/errors'
import { emptyTotals, rollupColumns, rollupSums, sumRowsOfStores, totalsFromRow } from './figures'
import { resolveReportWindow } from './report-window'
import { splitSpan } from './split-span'
import { storeDaysOf } from './store-days'
import { comparisonSpans, summaryOf, toComparison } from './summary'

interface Candidate { store: StoresTable, role: Role | null }

// At most eleven parameters a store: far below both databases' limits on bound parameters.
const STORES_PER_STATEMENT = 200

// The sums a location's row shows (revenue is net of refunds; the average needs the order total).
const LOCATION_SUMS = ['revenue', 'refunded', 'orders', 'orderTotal', 'pending'] as const

/** A store's span of buckets and the zone its rollups_daily dates are in. */
interface ZonedSpan extends StoreSpan { timeZone: string }

/**
 * The rollup sums of every store's own range, with its `lastSeq`, in one statement (one snapshot, as
 * getSummary reads one store's): a row per store, each store's sums their own aggregate over its whole
 * local dates in rollups_daily and the hours of its partial first and last dates in rollups_hourly
 * (splitSpan), each part a primary-key range: 30 days of 50 stores read about 1,500 day rows instead
 * of 36,000 hour rows. SQLite: the stores joined by UNION ALL (a join of the ranges grouped by store
 * sorted every row of every store in a temporary B-tree first). PostgreSQL: the ranges as arrays, each
 * store aggregated by a lateral subquery; planning a UNION ALL of 50 branches took as long as running
 * it. `only`: the sums to read.
 */
async function sumStores(db: Db, dialect: Dialect, spans: ZonedSpan[], only?: readonly string[]): Promise<Array<Record<string, unknown>>> {
  const sums = sql.join(rollupSums(only))
  const columns = sql.join(rollupColumns(only).map(column => sql.ref(column)))
  const parts = spans.map(span => ({ storeId: span.storeId, ...splitSpan(span, span.timeZone) }))
  if (dialect === 'postgres') {
    const list = (pick: (part: typeof parts[number]) => string) => sql`cast(${parts.map(pick)} as text[])`
    const { rows } = await sql<Record<string, unknown>>`select s.store_id, (select last_seq from stores where id = s.store_id) as last_seq, a.*
      from unnest(${list(p => p.storeId)}, ${list(p => p.head.from)}, ${list(p => p.head.to)}, ${list(p => p.days.from)}, ${list(p => p.days.to)}, ${list(p => p.tail.from)}, ${list(p => p.tail.to)})
        as s(store_id, head_from, head_to, day_from, day_to, tail_from, tail_to)
      cross join lateral (select ${sums} from (
        select ${columns} from rollups_hourly where store_id = s.store_id and bucket >= s.head_from and bucket < s.head_to
        union all select ${columns} from rollups_daily where store_id = s.store_id and day >= s.day_from and day < s.day_to
        union all select ${columns} from rollups_hourly where store_id = s.store_id and bucket >= s.tail_from and bucket < s.tail_to) as r) as a`.execute(db)
    return rows
  }
  const perStore = parts.map(({ storeId, head, days, tail }) => {
    const hours = (span: { from: string, to: string }) => sql`select ${columns} from rollups_hourly where store_id = ${storeId} and bucket >= ${span.from} and bucket < ${span.to}`
    // Empty parts are left out; the head stays, so that every store has its row.
    const reads = [hours(head)]
    if (days.from < days.to)
      reads.push(sql`select ${columns} from rollups_daily where store_id = ${storeId} and day >= ${days.from} and day < ${days.to}`)
    if (tail.from < tail.to)
      reads.push(hours(tail))
    return sql`select cast(${storeId} as text) as store_id, (select last_seq from stores where id = ${storeId}) as last_seq, ${sums}
    from (${sql.join(reads, sql` union all `)})`
  })
  const { rows } = await sql<Record<string, unknown>>`${sql.join(perStore, sql` union all `)}`.execute(db)
  return rows
}

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
