// Bulk-loads orders, items and payments straight into Pulse's SQLite file (the schema the server's
// migrations create), with rollups_hourly, rollups_daily and rollups_product_hourly filled exactly as the server's
// writes would fill them (server/utils/analytics/rollup-deltas.ts, server/utils/demo/seed-demo-store.ts):
// order counts and statuses in the bucket of the order's creation, payments and refunds in the bucket
// of when they happen (and per payment method), products of orders that are not cancelled. Stores must be in UTC (a bucket is
// then the UTC hour, its local date the UTC date). Loads can be repeated on the same file: rollups are added with
// upserts, and each loaded store's daily rollups summed again from its hours. A file whose schema predates
// rollups_daily gets none: the server's migration fills it from the hours.
import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import PRODUCTS from '../../shared/demo-catalog.json' with { type: 'json' }
import { orderSearchText } from '../../shared/search-text.mjs'
import { createRandom } from '../../shared/seeded-random.mjs'

const HOUR = 3_600_000
const DAY = 86_400_000
const COLUMNS = ['revenue_cents', 'refunded_cents', 'payment_count', 'order_count', 'order_total_cents', 'pending_count', 'paid_count', 'fulfilled_count', 'cancelled_count', 'refunded_count', 'method_card_cents', 'method_card_count', 'method_cash_cents', 'method_cash_count']
const DAY_COLUMNS = [...COLUMNS, 'method_other_cents', 'method_other_count']
const [REVENUE, REFUNDED, PAYMENTS, ORDERS, ORDER_TOTAL] = [0, 1, 2, 3, 4]
const STATUS_COLUMN = { pending: 5, paid: 6, fulfilled: 7, cancelled: 8, refunded: 9 }
const TOTAL_WEIGHT = PRODUCTS.reduce((sum, p) => sum + p.weight, 0)
const METHOD_COLUMN = { card: 10, cash: 12 }
const CUSTOMERS = ['Ava', 'Noah', 'Mia', 'Liam', 'Zoe', 'Omar', null, null, null]

function pickProduct(random) {
  let roll = random() * TOTAL_WEIGHT
  for (let i = 0; i < PRODUCTS.length; i++) {
    roll -= PRODUCTS[i].weight
    if (roll < 0)
      return i
  }
  return 0
}

/**
 * Opens the file for loading; the server must be stopped. While loading, the journal is off and the
 * secondary indexes of orders and payments are dropped; close() recreates them from their own SQL (so
 * the schema stays exactly the migrations') and turns WAL back on.
 */
export function openForLoad(file) {
  const db = new Database(file)
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('foreign_keys = OFF')
  db.pragma('cache_size = -1000000')
  db.pragma('temp_store = MEMORY')
  const indexes = db.prepare('SELECT name, sql FROM sqlite_master WHERE type = \'index\' AND sql IS NOT NULL AND tbl_name IN (\'orders\', \'payments\', \'order_items\')').all()
  for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`)
  return {
    db,
    close() {
      for (const { sql } of indexes) db.exec(sql)
      db.pragma('journal_mode = WAL')
      db.close()
    },
  }
}

/** Adds stores directly (no users: only the measured store, registered through the API, signs in). */
export function addStores(db, count, now = new Date()) {
  const insert = db.prepare('INSERT INTO stores (id, name, time_zone, currency, next_order_number, last_seq, created_at) VALUES (?, ?, \'UTC\', \'USD\', 1001, 0, ?)')
  const ids = []
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = randomUUID()
      insert.run(id, `Loaded store ${i + 1}`, now.toISOString())
      ids.push(id)
    }
  })()
  return ids
}

/**
 * Adds `count` orders spread evenly over `storeIds` and uniformly over the `days` days before `now`,
 * in transactions of `batch` orders; returns the rows written and the seconds taken.
 */
export function loadOrders(db, { storeIds, count, days = 90, now = Date.now(), seed = 1, batch = 50_000 }) {
  const started = performance.now()
  const random = createRandom(seed)
  const origin = Math.floor((now - days * DAY) / HOUR) * HOUR
  const hours = Math.ceil((now - origin) / HOUR) + 1
  const storeCount = storeIds.length
  const hourly = new Float64Array(storeCount * hours * COLUMNS.length)
  const products = new Float64Array(storeCount * hours * PRODUCTS.length * 2)
  const nextNumber = storeIds.map(id => Number(db.prepare('SELECT next_order_number AS n FROM stores WHERE id = ?').get(id).n))
  const insertOrder = db.prepare('INSERT INTO orders (id, store_id, number, status, currency, total_cents, paid_cents, refunded_cents, customer_name, note, bucket, created_at, updated_at, refunded_at, search_text) VALUES (?, ?, ?, ?, \'USD\', ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)')
  const insertItem = db.prepare('INSERT INTO order_items (order_id, position, store_id, name, sku, quantity, unit_price_cents, line_total_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
  const insertPayment = db.prepare('INSERT INTO payments (id, order_id, store_id, amount_cents, method, created_at) VALUES (?, ?, ?, ?, ?, ?)')
  // One refund of the whole order, with the order's id (as migration 0011 gives the refunds before it).
  const insertRefund = db.prepare('INSERT INTO refunds (id, order_id, store_id, amount_cents, reason, created_at) VALUES (?, ?, ?, ?, NULL, ?)')
  const hourOf = ms => Math.floor((ms - origin) / HOUR)
  const bucketString = hour => new Date(origin + hour * HOUR).toISOString()
  let items = 0
  let payments = 0
  const lineProducts = []
  const lineQuantities = []

  const writeBatch = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const s = i % storeCount
      const storeId = storeIds[s]
      const created = now - Math.floor(random() * days * DAY)
      const createdHour = hourOf(created)
      const id = randomUUID()
      const lineCount = random() < 0.3 ? 2 : 1
      lineProducts.length = 0
      lineQuantities.length = 0
      let total = 0
      for (let line = 0; line < lineCount; line++) {
        const product = pickProduct(random)
        const quantity = random() < 0.15 ? 2 : 1
        const existing = lineProducts.indexOf(product)
        if (existing >= 0) {
          lineQuantities[existing] += quantity
        }
        else {
          lineProducts.push(product)
          lineQuantities.push(quantity)
        }
        total += quantity * PRODUCTS[product].unitPriceCents
      }
      const age = now - created
      const roll = random()
      const status = age < 20 * 60_000 && roll < 0.7 ? 'pending' : roll < 0.03 ? 'cancelled' : roll < 0.05 ? 'refunded' : age > HOUR ? 'fulfilled' : 'paid'
      const paid = status === 'paid' || status === 'fulfilled' || status === 'refunded'
      const paidAt = Math.min(now, created + 60_000 + Math.floor(random() * 240_000))
      const refundedAt = status === 'refunded' ? Math.min(now, created + 2 * HOUR) : null
      const createdIso = new Date(created).toISOString()
      const bucket = bucketString(createdHour)
      const customer = CUSTOMERS[Math.floor(random() * CUSTOMERS.length)]
      insertOrder.run(id, storeId, nextNumber[s]++, status, total, paid ? total : 0, refundedAt === null ? 0 : total, customer, bucket, createdIso, refundedAt !== null ? new Date(refundedAt).toISOString() : paid ? new Date(paidAt).toISOString() : createdIso, refundedAt === null ? null : new Date(refundedAt).toISOString(), orderSearchText(customer, lineProducts.map(index => PRODUCTS[index].name)))
      if (refundedAt !== null)
        insertRefund.run(id, id, storeId, total, new Date(refundedAt).toISOString())
      const base = (s * hours + createdHour) * COLUMNS.length
      hourly[base + STATUS_COLUMN[status]]++
      for (let line = 0; line < lineProducts.length; line++) {
        const { name, sku, unitPriceCents: price } = PRODUCTS[lineProducts[line]]
        insertItem.run(id, line, storeId, name, sku, lineQuantities[line], price, lineQuantities[line] * price)
        items++
        if (status !== 'cancelled') {
          const p = ((s * hours + createdHour) * PRODUCTS.length + lineProducts[line]) * 2
          products[p] += lineQuantities[line]
          products[p + 1] += lineQuantities[line] * price
        }
      }
      if (status !== 'cancelled') {
        hourly[base + ORDERS]++
        hourly[base + ORDER_TOTAL] += total
      }
      if (paid) {
        const method = random() < 0.8 ? 'card' : 'cash'
        insertPayment.run(randomUUID(), id, storeId, total, method, new Date(paidAt).toISOString())
        payments++
        const paidBase = (s * hours + hourOf(paidAt)) * COLUMNS.length
        hourly[paidBase + REVENUE] += total
        hourly[paidBase + PAYMENTS]++
        hourly[paidBase + METHOD_COLUMN[method]] += total
        hourly[paidBase + METHOD_COLUMN[method] + 1]++
      }
      if (refundedAt !== null)
        hourly[(s * hours + hourOf(refundedAt)) * COLUMNS.length + REFUNDED] += total
    }
  })
  for (let from = 0; from < count; from += batch) writeBatch(from, Math.min(count, from + batch))

  const upsertHourly = db.prepare(`INSERT INTO rollups_hourly (store_id, bucket, ${COLUMNS.join(', ')}) VALUES (?, ?, ${COLUMNS.map(() => '?').join(', ')})
    ON CONFLICT (store_id, bucket) DO UPDATE SET ${COLUMNS.map(c => `${c} = ${c} + excluded.${c}`).join(', ')}`)
  const upsertProduct = db.prepare(`INSERT INTO rollups_product_hourly (store_id, bucket, product, quantity, revenue_cents) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (store_id, bucket, product) DO UPDATE SET quantity = quantity + excluded.quantity, revenue_cents = revenue_cents + excluded.revenue_cents`)
  const updateStore = db.prepare('UPDATE stores SET next_order_number = ? WHERE id = ?')
  const hasDays = db.prepare('SELECT 1 FROM sqlite_master WHERE type = \'table\' AND name = \'rollups_daily\'').get()
  const clearDays = hasDays && db.prepare('DELETE FROM rollups_daily WHERE store_id = ?')
  const sumDays = hasDays && db.prepare(`INSERT INTO rollups_daily (store_id, day, ${DAY_COLUMNS.join(', ')})
    SELECT store_id, substr(bucket, 1, 10), ${DAY_COLUMNS.map(c => `sum(${c})`).join(', ')} FROM rollups_hourly WHERE store_id = ? GROUP BY substr(bucket, 1, 10)`)
  let rollupRows = 0
  db.transaction(() => {
    for (let s = 0; s < storeCount; s++) {
      for (let h = 0; h < hours; h++) {
        const base = (s * hours + h) * COLUMNS.length
        let any = false
        for (let c = 0; c < COLUMNS.length; c++) any ||= hourly[base + c] !== 0
        if (any) {
          upsertHourly.run(storeIds[s], bucketString(h), ...hourly.subarray(base, base + COLUMNS.length))
          rollupRows++
        }
        for (let p = 0; p < PRODUCTS.length; p++) {
          const at = ((s * hours + h) * PRODUCTS.length + p) * 2
          if (products[at] !== 0) {
            upsertProduct.run(storeIds[s], bucketString(h), PRODUCTS[p].name, products[at], products[at + 1])
            rollupRows++
          }
        }
      }
      updateStore.run(nextNumber[s], storeIds[s])
      if (sumDays) {
        clearDays.run(storeIds[s])
        sumDays.run(storeIds[s])
      }
    }
  })()
  return { orders: count, items, payments, rollupRows, seconds: (performance.now() - started) / 1000 }
}
