// The naive way to answer Pulse's analytics: aggregate the raw orders and payments of a store for the
// range on every request, instead of summing hourly rollups. Same figures as the API (UTC stores), used
// by the analytics benchmark as its in-process baseline. Also the server's own rollup query, in process.

const DAY = 86_400_000
const RANGE_DAYS = { 'today': 1, '7d': 7, '30d': 30, '90d': 90 }

/** The API's range bounds for a UTC store: whole UTC days ending with today. */
export function utcRangeBounds(range, now = Date.now()) {
  const today = Math.floor(now / DAY) * DAY
  return { from: new Date(today - (RANGE_DAYS[range] - 1) * DAY).toISOString(), to: new Date(today + DAY).toISOString() }
}

export function prepareNaive(db) {
  const orders = db.prepare(`SELECT
      coalesce(sum(status != 'cancelled'), 0) AS orders,
      coalesce(sum(CASE WHEN status != 'cancelled' THEN total_cents ELSE 0 END), 0) AS orderTotal,
      coalesce(sum(status = 'pending'), 0) AS pending,
      coalesce(sum(status IN ('paid', 'fulfilled')), 0) AS paid,
      coalesce(sum(status = 'cancelled'), 0) AS cancelled
    FROM orders WHERE store_id = ? AND created_at >= ? AND created_at < ?`)
  const payments = db.prepare('SELECT coalesce(sum(amount_cents), 0) AS revenue FROM payments WHERE store_id = ? AND created_at >= ? AND created_at < ?')
  const paymentsByMethod = db.prepare('SELECT method, sum(amount_cents) AS cents, count(*) AS n FROM payments WHERE store_id = ? AND created_at >= ? AND created_at < ? GROUP BY method')
  const refunds = db.prepare('SELECT coalesce(sum(refunded_cents), 0) AS refunded FROM orders WHERE store_id = ? AND refunded_at >= ? AND refunded_at < ?')
  const lastSeq = db.prepare('SELECT last_seq AS lastSeq FROM stores WHERE id = ?')
  const ordersBy = db.prepare('SELECT substr(created_at, 1, ?) AS k, sum(status != \'cancelled\') AS n FROM orders WHERE store_id = ? AND created_at >= ? AND created_at < ? GROUP BY k')
  const paymentsBy = db.prepare('SELECT substr(created_at, 1, ?) AS k, sum(amount_cents) AS cents FROM payments WHERE store_id = ? AND created_at >= ? AND created_at < ? GROUP BY k')
  const refundsBy = db.prepare('SELECT substr(refunded_at, 1, ?) AS k, sum(refunded_cents) AS cents FROM orders WHERE store_id = ? AND refunded_at >= ? AND refunded_at < ? GROUP BY k')
  const rollups = db.prepare(`SELECT coalesce(sum(revenue_cents), 0) AS revenue, coalesce(sum(refunded_cents), 0) AS refunded, coalesce(sum(order_count), 0) AS orders,
      coalesce(sum(order_total_cents), 0) AS orderTotal, coalesce(sum(pending_count), 0) AS pending, coalesce(sum(paid_count), 0) + coalesce(sum(fulfilled_count), 0) AS paid,
      coalesce(sum(cancelled_count), 0) AS cancelled
    FROM rollups_hourly WHERE store_id = ? AND bucket >= ? AND bucket < ?`)

  const toSummary = (range, bounds, row, revenue, refunded, seq) => ({
    range,
    from: bounds.from,
    to: bounds.to,
    currency: 'USD',
    revenueCents: revenue - refunded,
    orderCount: row.orders,
    orderTotalCents: row.orderTotal,
    averageOrderValueCents: row.orders > 0 ? Math.round(row.orderTotal / row.orders) : 0,
    pendingOrderCount: row.pending,
    paidOrderCount: row.paid,
    cancelledOrderCount: row.cancelled,
    refundedCents: refunded,
    grossSalesCents: row.orderTotal,
    lastSeq: seq,
  })

  /** byMethod as the API gives it: every method, payments before refunds. */
  const byMethod = (args) => {
    const rows = new Map(paymentsByMethod.all(...args).map(r => [r.method, r]))
    return ['card', 'cash', 'other'].map(method => ({ method, amountCents: rows.get(method)?.cents ?? 0, count: rows.get(method)?.n ?? 0 }))
  }

  return {
    /** GET /analytics/summary, from the raw tables. */
    summary(storeId, range, now = Date.now()) {
      const bounds = utcRangeBounds(range, now)
      const args = [storeId, bounds.from, bounds.to]
      return toSummary(range, bounds, orders.get(...args), payments.get(...args).revenue, refunds.get(...args).refunded, lastSeq.get(storeId).lastSeq)
    },
    /**
     * The summary with the per-method split too: for the equality check only. The timed baseline stays
     * the query above (it leaves byMethod out, so it is the cheaper naive query: the ratio is conservative).
     */
    fullSummary(storeId, range, now = Date.now()) {
      const bounds = utcRangeBounds(range, now)
      return { ...this.summary(storeId, range, now), byMethod: byMethod([storeId, bounds.from, bounds.to]) }
    },
    /** GET /analytics/timeseries (hour buckets for today, day buckets otherwise), from the raw tables. */
    timeseries(storeId, range, now = Date.now()) {
      const bounds = utcRangeBounds(range, now)
      const bucket = range === 'today' ? 'hour' : 'day'
      const prefix = bucket === 'hour' ? 13 : 10
      const suffix = bucket === 'hour' ? ':00:00.000Z' : 'T00:00:00.000Z'
      const step = bucket === 'hour' ? 3_600_000 : DAY
      const points = []
      const index = new Map()
      for (let t = Date.parse(bounds.from); t < Date.parse(bounds.to); t += step) {
        const point = { t: new Date(t).toISOString(), revenueCents: 0, orderCount: 0 }
        index.set(point.t, point)
        points.push(point)
      }
      const args = [prefix, storeId, bounds.from, bounds.to]
      for (const row of ordersBy.all(...args)) index.get(row.k + suffix).orderCount += row.n
      for (const row of paymentsBy.all(...args)) index.get(row.k + suffix).revenueCents += row.cents
      for (const row of refundsBy.all(...args)) index.get(row.k + suffix).revenueCents -= row.cents
      return { range, bucket, from: bounds.from, to: bounds.to, points, lastSeq: lastSeq.get(storeId).lastSeq }
    },
    /** The server's summary query (sum of hourly rollups), run in process without HTTP. */
    rollupSummary(storeId, range, now = Date.now()) {
      const bounds = utcRangeBounds(range, now)
      const row = rollups.get(storeId, bounds.from, bounds.to)
      return toSummary(range, bounds, row, row.revenue, row.refunded, lastSeq.get(storeId).lastSeq)
    },
  }
}
