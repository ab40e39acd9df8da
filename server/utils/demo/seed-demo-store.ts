import type { OrderStatus } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { OrderItemsTable, OrdersTable, PaymentsTable, ProductsTable, RefundsTable } from '../db/schema'
import { TZDate } from '@date-fns/tz'
import { addDays, addMinutes, startOfDay } from 'date-fns'
import { DEMO_CATALOG } from '~shared/demo-catalog'
import { orderSearchText } from '~shared/order-search'
import { registerStore } from '../accounts/register'
import { applyRollupDeltas, RollupDeltas } from '../analytics/rollup-deltas'
import { chunks } from '../db/chunks'
import { DEMO_CUSTOMERS, pickProduct } from './catalog'
import { createRandom, pick } from './random'

export const DEMO_EMAIL = 'demo@pulse.local'
export const DEMO_PASSWORD = 'pulse-demo'
export const DEMO_TIME_ZONE = 'America/New_York'

// Orders per local hour of an ordinary weekday: a morning rush, a lunch bump, quiet evenings.
const HOURLY_RATE = [0, 0, 0, 0, 0, 0, 0, 6, 11, 8, 5, 5, 8, 7, 4, 3, 3, 2, 1, 0, 0, 0, 0, 0]

/**
 * Creates "Demo Coffee" with `days` days of orders and payments up to now, written straight to the
 * tables with their rollups (history has no live events: the log starts empty, at seq 0).
 */
export async function seedDemoStore(db: Db, days = 30, now = new Date()): Promise<{ orders: number }> {
  const { store } = await registerStore(db, { email: DEMO_EMAIL, password: DEMO_PASSWORD, storeName: 'Demo Coffee', timeZone: DEMO_TIME_ZONE, currency: 'USD' })
  const random = createRandom(20261126)
  const rollups = new RollupDeltas(store.id, store.timeZone)
  const orders: OrdersTable[] = []
  const items: OrderItemsTable[] = []
  const payments: PaymentsTable[] = []
  const refunds: RefundsTable[] = []
  const today = startOfDay(new TZDate(now.getTime(), store.timeZone))
  let number = 1001

  for (let day = days - 1; day >= 0; day--) {
    const date = addDays(today, -day)
    const weekend = date.getDay() === 0 || date.getDay() === 6
    for (let hour = 0; hour < 24; hour++) {
      const count = Math.round(HOURLY_RATE[hour] * (weekend ? 1.3 : 1) * (0.6 + random() * 0.8))
      for (let n = 0; n < count; n++) {
        const createdAt = addMinutes(date, hour * 60 + Math.floor(random() * 60))
        if (+createdAt > now.getTime())
          continue
        const created = new Date(+createdAt).toISOString()
        const id = crypto.randomUUID()
        const bucket = rollups.bucketOf(created)
        const lines = new Map<string, OrderItemsTable>()
        for (let line = 0, lineCount = 1 + Math.floor(random() * random() * 4); line < lineCount; line++) {
          const product = pickProduct(random)
          const existing = lines.get(product.name)
          const quantity = 1 + (random() < 0.15 ? 1 : 0)
          if (existing) {
            existing.quantity += quantity
            existing.line_total_cents = existing.quantity * existing.unit_price_cents
          }
          else {
            lines.set(product.name, { order_id: id, position: lines.size, store_id: store.id, name: product.name, sku: product.sku, quantity, unit_price_cents: product.unitPriceCents, line_total_cents: quantity * product.unitPriceCents })
          }
        }
        const total = [...lines.values()].reduce((sum, line) => sum + line.line_total_cents, 0)
        const age = now.getTime() - +createdAt
        const roll = random()
        const status: OrderStatus = age < 20 * 60_000 && roll < 0.7 ? 'pending' : roll < 0.03 ? 'cancelled' : roll < 0.05 ? 'refunded' : age > 3_600_000 ? 'fulfilled' : 'paid'
        const paidAt = new Date(+createdAt + 60_000 + Math.floor(random() * 240_000)).toISOString()
        const paid = status === 'paid' || status === 'fulfilled' || status === 'refunded'
        const refundedAt = status === 'refunded' ? new Date(Math.min(now.getTime(), +createdAt + 2 * 3_600_000)).toISOString() : null
        const customerName = pick(random, DEMO_CUSTOMERS)
        orders.push({
          id,
          store_id: store.id,
          number: number++,
          status,
          currency: store.currency,
          total_cents: total,
          paid_cents: paid ? total : 0,
          refunded_cents: refundedAt ? total : 0,
          customer_name: customerName,
          note: null,
          bucket,
          created_at: created,
          updated_at: refundedAt ?? (paid ? paidAt : created),
          refunded_at: refundedAt,
          search_text: orderSearchText(customerName, [...lines.values()].map(line => line.name)),
        })
        items.push(...lines.values())
        rollups.moveStatus(bucket, null, status)
        if (status !== 'cancelled') {
          rollups.add(bucket, 'order_count', 1)
          rollups.add(bucket, 'order_total_cents', total)
          for (const line of lines.values()) rollups.addProduct(bucket, line.name, line.quantity, line.line_total_cents)
        }
        if (paid) {
          const method = random() < 0.8 ? 'card' : 'cash'
          payments.push({ id: crypto.randomUUID(), order_id: id, store_id: store.id, amount_cents: total, method, created_at: paidAt })
          rollups.add(rollups.bucketOf(paidAt), 'revenue_cents', total)
          rollups.add(rollups.bucketOf(paidAt), 'payment_count', 1)
          rollups.addMethod(rollups.bucketOf(paidAt), method, total)
        }
        if (refundedAt) {
          refunds.push({ id: crypto.randomUUID(), order_id: id, store_id: store.id, amount_cents: total, reason: null, created_at: refundedAt, refunded_by: null })
          rollups.add(rollups.bucketOf(refundedAt), 'refunded_cents', total)
        }
      }
    }
  }

  await db.transaction().execute(async (trx) => {
    for (const rows of chunks(orders, 200)) await trx.insertInto('orders').values(rows).execute()
    for (const rows of chunks(items, 200)) await trx.insertInto('order_items').values(rows).execute()
    for (const rows of chunks(payments, 200)) await trx.insertInto('payments').values(rows).execute()
    for (const rows of chunks(refunds, 200)) await trx.insertInto('refunds').values(rows).execute()
    // The café's menu is the demo store's own catalogue, as a merchant would have entered it.
    const createdAt = new Date(now.getTime()).toISOString()
    const products: ProductsTable[] = DEMO_CATALOG.map((product, position) => ({ id: crypto.randomUUID(), store_id: store.id, name: product.name, sku: product.sku, price_cents: product.unitPriceCents, category: product.category, archived: 0, position, created_at: createdAt, updated_at: createdAt }))
    await trx.insertInto('products').values(products).execute()
    await applyRollupDeltas(trx, rollups)
    await trx.updateTable('stores').set({ next_order_number: number }).where('id', '=', store.id).execute()
  })
  return { orders: orders.length }
}
