import type { Trx } from '../db/connection'
import { addDailyRollups, applyRollupDeltas, HOURLY_COLUMNS, RollupDeltas, sumByLocalDate } from '../analytics/rollup-deltas'
import { orderPages } from '../db/order-pages'
import { bucketOf } from '../time/local-time'

const CHUNK = 2000

/**
 * Whether the store's rollups stay exact in another zone: each bucket is one hour starting at a local
 * hour of the old zone; when every bucket also starts a local hour of the new zone (any change between
 * whole-hour zones), they are the same hours and nothing moves. O(hours with data).
 */
export async function rollupsFitZone(trx: Trx, storeId: string, timeZone: string): Promise<boolean> {
  const rows = await trx.selectFrom('rollups_hourly').select('bucket').where('store_id', '=', storeId).execute()
  return rows.every(row => bucketOf(row.bucket, timeZone) === row.bucket)
}

/**
 * Recomputes the store's rollups (and each order's bucket) from its orders, items and payments in the
 * local hours of a new zone: what a change to or from a :30 or :45 zone needs. O(orders), once, inside
 * the settings change's transaction (the store's row is locked: no write runs alongside).
 */
export async function rebucketRollups(trx: Trx, storeId: string, timeZone: string): Promise<void> {
  const deltas = new RollupDeltas(storeId, timeZone)
  for await (const orders of orderPages(trx, storeId, { from: '', to: '9999-12-31T23:59:59.999Z' })) {
    const items = await trx.selectFrom('order_items').select(['order_id', 'name', 'quantity', 'line_total_cents']).where('order_id', 'in', orders.map(order => order.id)).execute()
    const bucketById = new Map<string, string>()
    for (const order of orders) {
      const bucket = bucketOf(order.created_at, timeZone)
      bucketById.set(order.id, bucket)
      if (bucket !== order.bucket)
        await trx.updateTable('orders').set({ bucket }).where('id', '=', order.id).execute()
      deltas.moveStatus(bucket, null, order.status as never)
      if (order.status !== 'cancelled') {
        deltas.add(bucket, 'order_count', 1)
        deltas.add(bucket, 'order_total_cents', Number(order.total_cents))
      }
    }
    const cancelled = new Set(orders.filter(order => order.status === 'cancelled').map(order => order.id))
    for (const item of items) {
      if (!cancelled.has(item.order_id))
        deltas.addProduct(bucketById.get(item.order_id)!, item.name, Number(item.quantity), Number(item.line_total_cents))
    }
  }
  let afterPayment = ''
  for (;;) {
    const payments = await trx.selectFrom('payments').select(['id', 'amount_cents', 'method', 'created_at']).where('store_id', '=', storeId).where('id', '>', afterPayment).orderBy('id').limit(CHUNK).execute()
    if (payments.length === 0)
      break
    afterPayment = payments.at(-1)!.id
    for (const payment of payments) {
      const bucket = bucketOf(payment.created_at, timeZone)
      deltas.add(bucket, 'revenue_cents', Number(payment.amount_cents))
      deltas.add(bucket, 'payment_count', 1)
      deltas.addMethod(bucket, payment.method, Number(payment.amount_cents))
    }
  }
  // Refunds count in the hour each was given (several per order since partial refunds).
  let afterRefund = ''
  for (;;) {
    const refunds = await trx.selectFrom('refunds').select(['id', 'amount_cents', 'created_at']).where('store_id', '=', storeId).where('id', '>', afterRefund).orderBy('id').limit(CHUNK).execute()
    if (refunds.length === 0)
      break
    afterRefund = refunds.at(-1)!.id
    for (const refund of refunds) deltas.add(bucketOf(refund.created_at, timeZone), 'refunded_cents', Number(refund.amount_cents))
  }
  await trx.deleteFrom('rollups_hourly').where('store_id', '=', storeId).execute()
  await trx.deleteFrom('rollups_product_hourly').where('store_id', '=', storeId).execute()
  await trx.deleteFrom('rollups_daily').where('store_id', '=', storeId).execute()
  await applyRollupDeltas(trx, deltas)
}

/**
 * Sums the store's daily rollups again from its hourly ones by their local dates in a new zone: the
 * hours stay when they fit the zone (rollupsFitZone), but an hour near midnight moves to another date.
 * O(hours with data), once, inside the settings change's transaction.
 */
export async function rebuildDailyRollups(trx: Trx, storeId: string, timeZone: string): Promise<void> {
  const hours = await trx.selectFrom('rollups_hourly').select(['bucket', ...HOURLY_COLUMNS]).where('store_id', '=', storeId).execute()
  await trx.deleteFrom('rollups_daily').where('store_id', '=', storeId).execute()
  await addDailyRollups(trx, storeId, sumByLocalDate(hours.map(({ bucket, ...values }) => [bucket, values]), timeZone))
}
