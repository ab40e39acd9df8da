import type { RawBuilder } from 'kysely'
import type { MethodTotal, PaymentMethod, SummaryFigures } from '~shared/types/api'
import type { Db, Dialect } from '../db/connection'
import { sql } from 'kysely'
import { METHOD_COLUMNS } from './rollup-deltas'

const METHODS = Object.keys(METHOD_COLUMNS) as PaymentMethod[]

/** Sums of the hourly rollup columns over a span; the same shape whether read from rollups or raw rows. */
export interface Totals {
  revenue: number
  refunded: number
  orders: number
  orderTotal: number
  pending: number
  paid: number
  fulfilled: number
  cancelled: number
  methods: Record<PaymentMethod, { cents: number, count: number }>
}

export function emptyTotals(): Totals {
  return { revenue: 0, refunded: 0, orders: 0, orderTotal: 0, pending: 0, paid: 0, fulfilled: 0, cancelled: 0, methods: { card: { cents: 0, count: 0 }, cash: { cents: 0, count: 0 }, other: { cents: 0, count: 0 } } }
}

export function addTotals(a: Totals, b: Totals): Totals {
  const sum = emptyTotals()
  for (const key of ['revenue', 'refunded', 'orders', 'orderTotal', 'pending', 'paid', 'fulfilled', 'cancelled'] as const) sum[key] = a[key] + b[key]
  for (const method of METHODS) sum.methods[method] = { cents: a.methods[method].cents + b.methods[method].cents, count: a.methods[method].count + b.methods[method].count }
  return sum
}

const SUMS = {
  revenue: 'revenue_cents',
  refunded: 'refunded_cents',
  orders: 'order_count',
  orderTotal: 'order_total_cents',
  pending: 'pending_count',
  paid: 'paid_count',
  fulfilled: 'fulfilled_count',
  cancelled: 'cancelled_count',
  ...Object.fromEntries(METHODS.flatMap(method => [[`${method}Cents`, METHOD_COLUMNS[method].cents], [`${method}Count`, METHOD_COLUMNS[method].count]])),
} as Record<string, string>

/** The [alias, rollup column] pairs a summary sums, or only those of `only`. */
export function rollupSumColumns(only?: readonly string[]): Array<[string, string]> {
  return Object.entries(SUMS).filter(([alias]) => !only || only.includes(alias))
}

/** The SELECT list summing every rollup column a summary needs (`coalesce(sum(x), 0) as key`), or only those of `only`. */
export function rollupSums(only?: readonly string[]) {
  return rollupSumColumns(only).map(([alias, column]) => sql<number>`coalesce(sum(${sql.ref(column)}), 0)`.as(alias))
}

export function totalsFromRow(row: Record<string, unknown>): Totals {
  const totals = emptyTotals()
  for (const key of ['revenue', 'refunded', 'orders', 'orderTotal', 'pending', 'paid', 'fulfilled', 'cancelled'] as const) totals[key] = Number(row[key] ?? 0)
  for (const method of METHODS) totals.methods[method] = { cents: Number(row[`${method}Cents`] ?? 0), count: Number(row[`${method}Count`] ?? 0) }
  return totals
}

/** Rollup sums over the buckets in [from, to). */
export async function sumRollups(db: Db, storeId: string, from: string, to: string): Promise<Totals> {
  if (from >= to)
    return emptyTotals()
  const row = await db.selectFrom('rollups_hourly')
    .where('store_id', '=', storeId)
    .where('bucket', '>=', from)
    .where('bucket', '<', to)
    .select(rollupSums())
    .executeTakeFirstOrThrow()
  return totalsFromRow(row)
}

/** A store's span of time [from, to). */
export interface StoreSpan { storeId: string, from: string, to: string }

/**
 * The same sums over [from, to) read from the orders and payments themselves, for a span inside one
 * hour (a rollup bucket cannot be split). Indexed by store and time: it reads that hour's rows only.
 */
export async function sumRows(db: Db, storeId: string, from: string, to: string): Promise<Totals> {
  return (await sumRowsOfStores(db, [{ storeId, from, to }])).get(storeId) ?? emptyTotals()
}

/**
 * sumRows of several stores' spans, by store: three statements whatever the number of stores (orders,
 * payments, refunds), not three a store. Each store's span is read on its own index range: a branch of a
 * UNION ALL a store, or with `dialect` PostgreSQL, the spans as arrays each read by a lateral subquery
 * (planning a UNION ALL of 50 branches took longer than running it).
 */
export async function sumRowsOfStores(db: Db, spans: StoreSpan[], dialect?: Dialect): Promise<Map<string, Totals>> {
  const result = new Map(spans.map(span => [span.storeId, emptyTotals()]))
  const live = spans.filter(span => span.from < span.to)
  if (live.length === 0)
    return result
  const read = dialect === 'postgres'
    ? (table: string, select: RawBuilder<unknown>, tail = sql``) => sql`select s.store_id, a.* from unnest(cast(${live.map(span => span.storeId)} as text[]), cast(${live.map(span => span.from)} as text[]), cast(${live.map(span => span.to)} as text[])) as s(store_id, from_at, to_at)
      cross join lateral (select ${select} from ${sql.table(table)} where store_id = s.store_id and created_at >= s.from_at and created_at < s.to_at ${tail}) as a`
    : (table: string, select: RawBuilder<unknown>, tail = sql``) => sql.join(live.map(({ storeId, from, to }) => sql`select cast(${storeId} as text) as store_id, ${select}
      from ${sql.table(table)} where store_id = ${storeId} and created_at >= ${from} and created_at < ${to} ${tail}`), sql` union all `)
  const [orders, payments, refunds] = await Promise.all([
    sql`${read('orders', sql`coalesce(sum(case when status <> 'cancelled' then 1 else 0 end), 0) as orders,
      coalesce(sum(case when status <> 'cancelled' then total_cents else 0 end), 0) as "orderTotal",
      coalesce(sum(case when status = 'pending' then 1 else 0 end), 0) as pending,
      coalesce(sum(case when status = 'paid' then 1 else 0 end), 0) as paid,
      coalesce(sum(case when status = 'fulfilled' then 1 else 0 end), 0) as fulfilled,
      coalesce(sum(case when status = 'cancelled' then 1 else 0 end), 0) as cancelled`)}`.execute(db),
    sql`${read('payments', sql`method, sum(amount_cents) as cents, count(*) as count`, sql`group by method`)}`.execute(db),
    sql`${read('refunds', sql`coalesce(sum(amount_cents), 0) as refunded`)}`.execute(db),
  ]) as [{ rows: Array<Record<string, unknown>> }, { rows: Array<Record<string, unknown>> }, { rows: Array<Record<string, unknown>> }]
  for (const row of orders.rows) {
    const totals = result.get(String(row.store_id))!
    for (const key of ['orders', 'orderTotal', 'pending', 'paid', 'fulfilled', 'cancelled'] as const) totals[key] = Number(row[key])
  }
  for (const row of payments.rows) {
    const totals = result.get(String(row.store_id))!
    const method = (String(row.method) in totals.methods ? row.method : 'other') as PaymentMethod
    totals.methods[method].cents += Number(row.cents)
    totals.methods[method].count += Number(row.count)
    totals.revenue += Number(row.cents)
  }
  for (const row of refunds.rows) result.get(String(row.store_id))!.refunded = Number(row.refunded)
  return result
}

/** The figures the API reports, each defined once in docs/api.md. */
export function toFigures(totals: Totals): SummaryFigures {
  const byMethod: MethodTotal[] = METHODS.map(method => ({ method, amountCents: totals.methods[method].cents, count: totals.methods[method].count }))
  return {
    revenueCents: totals.revenue - totals.refunded,
    orderCount: totals.orders,
    orderTotalCents: totals.orderTotal,
    averageOrderValueCents: totals.orders > 0 ? Math.round(totals.orderTotal / totals.orders) : 0,
    pendingOrderCount: totals.pending,
    paidOrderCount: totals.paid + totals.fulfilled,
    cancelledOrderCount: totals.cancelled,
    refundedCents: totals.refunded,
    byMethod,
    grossSalesCents: totals.orderTotal,
  }
}
