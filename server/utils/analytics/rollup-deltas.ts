import type { Transaction } from 'kysely'
import type { OrderStatus, PaymentMethod } from '~shared/types/api'
import type { Database } from '../db/schema'
import { chunks } from '../db/chunks'
import { bucketOf, localDateOf } from '../time/local-time'

export const METHOD_COLUMNS = {
  card: { cents: 'method_card_cents', count: 'method_card_count' },
  cash: { cents: 'method_cash_cents', count: 'method_cash_count' },
  other: { cents: 'method_other_cents', count: 'method_other_count' },
} as const satisfies Record<PaymentMethod, { cents: string, count: string }>

export const HOURLY_COLUMNS = ['revenue_cents', 'refunded_cents', 'payment_count', 'order_count', 'order_total_cents', 'pending_count', 'paid_count', 'fulfilled_count', 'cancelled_count', 'refunded_count', 'method_card_cents', 'method_card_count', 'method_cash_cents', 'method_cash_count', 'method_other_cents', 'method_other_count'] as const
export type HourlyColumn = typeof HOURLY_COLUMNS[number]

const STATUS_COLUMN: Record<OrderStatus, HourlyColumn> = {
  pending: 'pending_count',
  paid: 'paid_count',
  fulfilled: 'fulfilled_count',
  cancelled: 'cancelled_count',
  refunded: 'refunded_count',
}

/**
 * The changes one write makes to the hourly rollups, gathered in memory and applied in one upsert per
 * table at the end of the transaction. Order counts live in the bucket of the order's creation; money
 * moves (payments, refunds) in the bucket of when they happen.
 */
export class RollupDeltas {
  readonly hourly = new Map<string, Partial<Record<HourlyColumn, number>>>()
  readonly products = new Map<string, { bucket: string, product: string, quantity: number, revenue_cents: number }>()

  constructor(readonly storeId: string, readonly timeZone: string) {}

  bucketOf(instant: string): string {
    return bucketOf(instant, this.timeZone)
  }

  add(bucket: string, column: HourlyColumn, amount: number): void {
    if (amount === 0)
      return
    const row = this.hourly.get(bucket) ?? {}
    row[column] = (row[column] ?? 0) + amount
    this.hourly.set(bucket, row)
  }

  moveStatus(bucket: string, from: OrderStatus | null, to: OrderStatus): void {
    if (from)
      this.add(bucket, STATUS_COLUMN[from], -1)
    this.add(bucket, STATUS_COLUMN[to], 1)
  }

  /** A payment's share of the per-method figures (its revenue and count are added by the caller). */
  addMethod(bucket: string, method: PaymentMethod, amountCents: number): void {
    const columns = METHOD_COLUMNS[method] ?? METHOD_COLUMNS.other
    this.add(bucket, columns.cents, amountCents)
    this.add(bucket, columns.count, 1)
  }

  addProduct(bucket: string, product: string, quantity: number, revenueCents: number): void {
    const key = `${bucket}\u0000${product}`
    const row = this.products.get(key) ?? { bucket, product, quantity: 0, revenue_cents: 0 }
    row.quantity += quantity
    row.revenue_cents += revenueCents
    this.products.set(key, row)
  }

  /** Adds another write's deltas (of the same store) to these. */
  merge(other: RollupDeltas): void {
    for (const [bucket, values] of other.hourly) {
      for (const column of HOURLY_COLUMNS) this.add(bucket, column, values[column] ?? 0)
    }
    for (const { bucket, product, quantity, revenue_cents } of other.products.values()) this.addProduct(bucket, product, quantity, revenue_cents)
  }
}

/** Rollup rows of a store, one per key (an hour's bucket or a day), every column present. */
function toRows<K extends 'bucket' | 'day'>(storeId: string, key: K, sums: Map<string, Partial<Record<HourlyColumn, number>>>): Array<Record<'store_id' | K, string> & Record<HourlyColumn, number>> {
  return [...sums].map(([value, values]) => {
    const row: Record<string, string | number> = { store_id: storeId, [key]: value }
    for (const column of HOURLY_COLUMNS) row[column] = values[column] ?? 0
    return row as Record<'store_id' | K, string> & Record<HourlyColumn, number>
  })
}

/** Hour rows summed by the store-local calendar date of their bucket: what rollups_daily holds. */
export function sumByLocalDate(hours: Iterable<[string, Partial<Record<HourlyColumn, number>>]>, timeZone: string): Map<string, Partial<Record<HourlyColumn, number>>> {
  const days = new Map<string, Partial<Record<HourlyColumn, number>>>()
  for (const [bucket, values] of hours) {
    const day = localDateOf(bucket, timeZone)
    const sum = days.get(day) ?? {}
    for (const column of HOURLY_COLUMNS) {
      if (values[column])
        sum[column] = (sum[column] ?? 0) + Number(values[column])
    }
    days.set(day, sum)
  }
  return days
}

/** Adds day sums to the store's rollups_daily rows (upserts, so writes to the same day add up). */
export async function addDailyRollups(trx: Transaction<Database>, storeId: string, days: Map<string, Partial<Record<HourlyColumn, number>>>): Promise<void> {
  for (const chunk of chunks(toRows(storeId, 'day', days))) {
    await trx.insertInto('rollups_daily').values(chunk).onConflict(oc => oc.columns(['store_id', 'day']).doUpdateSet(eb => Object.fromEntries(
      HOURLY_COLUMNS.map(column => [column, eb(eb.ref(`rollups_daily.${column}`), '+', eb.ref(`excluded.${column}`))]),
    ))).execute()
  }
}

export async function applyRollupDeltas(trx: Transaction<Database>, deltas: RollupDeltas): Promise<void> {
  if (deltas.hourly.size > 0) {
    for (const chunk of chunks(toRows(deltas.storeId, 'bucket', deltas.hourly))) {
      await trx.insertInto('rollups_hourly').values(chunk).onConflict(oc => oc.columns(['store_id', 'bucket']).doUpdateSet(eb => Object.fromEntries(
        HOURLY_COLUMNS.map(column => [column, eb(eb.ref(`rollups_hourly.${column}`), '+', eb.ref(`excluded.${column}`))]),
      ))).execute()
    }
    // The same deltas by local date: reads of whole days take one row a day instead of 24.
    await addDailyRollups(trx, deltas.storeId, sumByLocalDate(deltas.hourly, deltas.timeZone))
  }
  if (deltas.products.size > 0) {
    const rows = [...deltas.products.values()].map(row => ({ store_id: deltas.storeId, ...row }))
    for (const chunk of chunks(rows)) {
      await trx.insertInto('rollups_product_hourly').values(chunk).onConflict(oc => oc.columns(['store_id', 'bucket', 'product']).doUpdateSet(eb => ({
        quantity: eb(eb.ref('rollups_product_hourly.quantity'), '+', eb.ref('excluded.quantity')),
        revenue_cents: eb(eb.ref('rollups_product_hourly.revenue_cents'), '+', eb.ref('excluded.revenue_cents')),
      }))).execute()
    }
  }
}
