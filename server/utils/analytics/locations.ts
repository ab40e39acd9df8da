import type { CurrencyTotals, LocationFigures, Locations, Role } from '~shared/types/api'
import type { Access } from '../auth/access/principal'
import type { Db } from '../db/connection'
import type { StoresTable } from '../db/schema'
import type { ReportQuery } from './report-window'
import { sql } from 'kysely'
import { listMemberStores } from '../auth/access/list-stores'
import { roleCan } from '../auth/access/permissions'
import { isAllowed } from '../auth/access/require-permission'
import { chunks } from '../db/chunks'
import { createApiError } from '../http/errors'
import { rollupSums } from './figures'
import { resolveReportWindow } from './report-window'
import { storeDaysOf } from './store-days'
import { completeSummary } from './summary'

interface Candidate { store: StoresTable, role: Role | null }

// Three parameters a store: far below both databases' limits on bound parameters.
const STORES_PER_STATEMENT = 200

/**
 * The rollup sums of every store's own range, with its `lastSeq`, in one statement (one snapshot, as
 * getSummary reads one store's): a row per store, the sums grouped by store over its own buckets.
 */
async function sumStores(db: Db, windows: Array<{ storeId: string, from: string, to: string }>): Promise<Array<Record<string, unknown>>> {
  const ranges = sql.join(windows.map(({ storeId, from, to }, index) => index === 0
    ? sql`select cast(${storeId} as text) as store_id, cast(${from} as text) as from_bucket, cast(${to} as text) as to_bucket`
    : sql`select cast(${storeId} as text), cast(${from} as text), cast(${to} as text)`), sql` union all `)
  const { rows } = await sql<Record<string, unknown>>`
    with ranges as (${ranges})
    select ranges.store_id as store_id, stores.last_seq as last_seq, ${sql.join(rollupSums())}
    from ranges
    join stores on stores.id = ranges.store_id
    left join rollups_hourly on rollups_hourly.store_id = ranges.store_id and rollups_hourly.bucket >= ranges.from_bucket and rollups_hourly.bucket < ranges.to_bucket
    group by ranges.store_id, stores.last_seq`.execute(db)
  return rows
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

function addTotals(totals: Map<string, CurrencyTotals>, row: LocationFigures): void {
  const sum = totals.get(row.currency) ?? { currency: row.currency, revenueCents: 0, orderCount: 0 }
  sum.revenueCents += row.revenueCents
  sum.orderCount += row.orderCount
  totals.set(row.currency, sum)
}

/**
 * Every readable store's figures for one range, side by side: each row is that store's own summary (its
 * business days, its time zone), by revenue; totals per currency, by currency code. 403 when the
 * principal may read the range in no store.
 */
export async function getLocations(access: Access, query: ReportQuery, now: Date): Promise<Locations> {
  const stores = await readableStores(access, query.range)
  if (stores.length === 0)
    throw createApiError(403, 'forbidden', 'You may not see the analytics of any of your stores for this range.')
  const windows = stores.map(store => ({ store, window: resolveReportWindow(query, storeDaysOf(store), now) }))
  const sums = new Map<string, Record<string, unknown>>()
  for (const part of chunks(windows, STORES_PER_STATEMENT)) {
    for (const row of await sumStores(access.db, part.map(({ store, window }) => ({ storeId: store.id, from: window.bounds.from, to: window.bounds.to })))) sums.set(String(row.store_id), row)
  }
  const rows: LocationFigures[] = await Promise.all(windows.map(async ({ store, window }) => {
    const summary = await completeSummary(access.db, store, window, sums.get(store.id) ?? { last_seq: store.last_seq }, now)
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
      ...(summary.comparison ? { comparison: summary.comparison } : {}),
      lastSeq: summary.lastSeq,
    }
  }))
  rows.sort((a, b) => b.revenueCents - a.revenueCents || a.name.localeCompare(b.name))
  const totals = new Map<string, CurrencyTotals>()
  for (const row of rows) addTotals(totals, row)
  return { range: query.range, stores: rows, totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)) }
}
