import type { MethodTotal, PaymentMethod, SummaryFigures } from '~shared/types/api'
import type { Db } from '../db/connection'
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

/** The SELECT list summing every rollup column a summary needs (`coalesce(sum(x), 0) as key`). */
export function rollupSums() {
  return Object.entries(SUMS).map(([alias, column]) => sql<number>`coalesce(sum(${sql.ref(column)}), 0)`.as(alias))
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

/**
 * The same sums over [from, to) read from the orders and payments themselves, for a span inside one
 * hour (a rollup bucket cannot be split). Indexed by store and time: it reads that hour's rows only.
 */
export async function sumRows(db: Db, storeId: string, from: string, to: string): Promise<Totals> {
  const totals = emptyTotals()
  if (from >= to)
    return totals
  const [orders, payments, refunds] = await Promise.all([
    db.selectFrom('orders')
      .where('store_id', '=', storeId)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .select([
        sql<number>`coalesce(sum(case when status <> 'cancelled' then 1 else 0 end), 0)`.as('orders'),
        sql<number>`coalesce(sum(case when status <> 'cancelled' then total_cents else 0 end), 0)`.as('orderTotal'),
        sql<number>`coalesce(sum(case when status = 'pending' then 1 else 0 end), 0)`.as('pending'),
        sql<number>`coalesce(sum(case when status = 'paid' then 1 else 0 end), 0)`.as('paid'),
        sql<number>`coalesce(sum(case when status = 'fulfilled' then 1 else 0 end), 0)`.as('fulfilled'),
        sql<number>`coalesce(sum(case when status = 'cancelled' then 1 else 0 end), 0)`.as('cancelled'),
      ])
      .executeTakeFirstOrThrow(),
    db.selectFrom('payments')
      .where('store_id', '=', storeId)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .groupBy('method')
      .select(eb => ['method', eb.fn.sum<number>('amount_cents').as('cents'), eb.fn.countAll<number>().as('count')])
      .execute(),
    db.selectFrom('refunds')
      .where('store_id', '=', storeId)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .select(sql<number>`coalesce(sum(amount_cents), 0)`.as('refunded'))
      .executeTakeFirstOrThrow(),
  ])
  for (const key of ['orders', 'orderTotal', 'pending', 'paid', 'fulfilled', 'cancelled'] as const) totals[key] = Number(orders[key])
  for (const row of payments) {
    const method: PaymentMethod = row.method in totals.methods ? row.method : 'other'
    totals.methods[method].cents += Number(row.cents)
    totals.methods[method].count += Number(row.count)
    totals.revenue += Number(row.cents)
  }
  totals.refunded = Number(refunds.refunded)
  return totals
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
