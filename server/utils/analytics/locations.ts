import type { CurrencyTotals, LocationFigures, Locations, Role } from '~shared/types/api'
import type { Access } from '../auth/principal'
import type { StoresTable } from '../db/schema'
import type { ReportQuery } from './report-window'
import { roleCan } from '../auth/permissions'
import { isAllowed } from '../auth/require-permission'
import { createApiError } from '../http/errors'
import { listMemberStores } from '../stores/list-stores'
import { getSummary } from './summary'

interface Candidate { store: StoresTable, role: Role | null }

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
  const rows: LocationFigures[] = await Promise.all(stores.map(async (store) => {
    const summary = await getSummary(access.db, store, query, now)
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
