import type { Api } from '../helpers/api'
import type { DbReader } from '../helpers/db-reader'
import { beforeAll, describe, expect, it } from 'vitest'
import { createRandom } from '~server/utils/demo/random'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { allOrders } from './support/api'

const PRODUCTS = ['Espresso', 'Latte', 'Cappuccino', 'Flat white', 'Croissant', 'Bagel', 'Muffin', 'Tea']
const RANGES = ['today', '7d', '30d', '90d'] as const
const RANGE_DAYS = { 'today': 1, '7d': 7, '30d': 30, '90d': 90 }
const HOUR = 3_600_000

interface ModelOrder { id: string, status: string, totalCents: number, paidCents: number, refundedCents: number }

interface Raw {
  orders: Array<{ id: string, status: string, total: number, created: number, refunded: number, refundedAt: number | null }>
  items: Array<{ orderId: string, name: string, quantity: number, lineTotal: number }>
  payments: Array<{ orderId: string, amount: number, created: number, method: string }>
  lastSeq: number
}

/** Applies a random mix of writes (creates, partial and full payments, every status move, refused moves), keeping a model of the outcome. */
async function randomWrites(api: Api, seed: number, steps: number): Promise<Map<string, ModelOrder>> {
  // The demo store's seeded generator: a failing random mix can be replayed from its seed.
  const random = createRandom(seed)
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]
  const orders = new Map<string, ModelOrder>()
  const byStatus = (...statuses: string[]) => [...orders.values()].filter(o => statuses.includes(o.status))

  async function step(busy: Set<string>): Promise<void> {
    const free = (list: ModelOrder[]) => list.filter(o => !busy.has(o.id))
    const roll = random()
    const candidates = roll < 0.35 ? [] : roll < 0.55 ? free(byStatus('pending')) : roll < 0.7 ? free(byStatus('pending')) : roll < 0.85 ? free(byStatus('paid')) : free(byStatus('paid', 'fulfilled'))
    if (roll < 0.35 || candidates.length === 0) {
      const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({ name: pick(PRODUCTS), quantity: 1 + Math.floor(random() * 4), unitPriceCents: 50 * (1 + Math.floor(random() * 40)) }))
      const response = await api.post('/orders', { items, customerName: random() < 0.5 ? null : `C${Math.floor(random() * 100)}` })
      expect(response.status).toBe(201)
      orders.set(response.body.id, { id: response.body.id, status: 'pending', totalCents: response.body.totalCents, paidCents: 0, refundedCents: 0 })
      return
    }
    const order = pick(candidates)
    busy.add(order.id)
    const outstanding = order.totalCents - order.paidCents
    if (roll < 0.55) {
      // A payment: sometimes part, sometimes all that is owed, sometimes too much (refused, changes nothing).
      const kind = random()
      const amount = kind < 0.15 ? outstanding + 1 : kind < 0.55 ? outstanding : Math.max(1, Math.floor(outstanding * random()))
      const response = await api.post(`/orders/${order.id}/payments`, { amountCents: amount, method: pick(['card', 'cash', 'other']) })
      if (amount > outstanding) {
        expect(response.status).toBe(422)
        return
      }
      expect(response.status).toBe(201)
      order.paidCents += amount
      if (order.paidCents === order.totalCents)
        order.status = 'paid'
      return
    }
    const to = roll < 0.7 ? pick(['paid', 'cancelled', 'fulfilled']) : roll < 0.85 ? pick(['fulfilled', 'refunded', 'cancelled']) : 'refunded'
    const allowed: Record<string, string[]> = { pending: ['paid', 'cancelled'], paid: ['fulfilled', 'refunded'], fulfilled: ['refunded'] }
    const response = await api.patch(`/orders/${order.id}`, { status: to })
    if (!allowed[order.status].includes(to)) {
      expect(response.status).toBe(409)
      return
    }
    expect(response.status).toBe(200)
    if (to === 'paid')
      order.paidCents = order.totalCents
    if ((to === 'cancelled' || to === 'refunded') && order.paidCents > 0)
      order.refundedCents = order.paidCents
    order.status = to
  }

  for (let done = 0; done < steps;) {
    // A few writes at a time, never two to one order, so the model stays exact while writes overlap.
    const busy = new Set<string>()
    const batch = Array.from({ length: 6 }, () => step(busy))
    await Promise.all(batch)
    done += batch.length
  }
  // Whatever the seed, end with an order in every status, including refunds of full and partial payments.
  const make = async (moves: Array<{ status: string } | { amountCents: number }>) => {
    const order = (await api.post('/orders', { items: [{ name: pick(PRODUCTS), quantity: 2, unitPriceCents: 700 }] })).body
    for (const move of moves) {
      const response = 'status' in move
        ? await api.patch(`/orders/${order.id}`, move)
        : await api.post(`/orders/${order.id}/payments`, { ...move, method: 'card' })
      expect(response.status).toBeLessThan(300)
    }
    const final = (await api.get(`/orders/${order.id}`)).body
    orders.set(order.id, { id: order.id, status: final.status, totalCents: 1400, paidCents: final.paidCents, refundedCents: final.refundedCents })
  }
  await make([{ amountCents: 300 }])
  await make([{ status: 'paid' }])
  await make([{ status: 'paid' }, { status: 'fulfilled' }])
  await make([{ amountCents: 400 }, { status: 'cancelled' }])
  await make([{ amountCents: 1400 }, { status: 'fulfilled' }, { status: 'refunded' }])
  return orders
}

async function readRaw(db: DbReader, storeId: string): Promise<Raw> {
  const time = (value: string | null) => value === null ? null : Date.parse(value)
  const orders = await db.all<any>('select id, status, total_cents, created_at, refunded_cents, refunded_at from orders where store_id = ?', [storeId])
  const items = await db.all<any>('select i.order_id, i.name, i.quantity, i.line_total_cents from order_items i join orders o on o.id = i.order_id where o.store_id = ?', [storeId])
  const payments = await db.all<any>('select order_id, amount_cents, created_at, method from payments where store_id = ?', [storeId])
  const [seq] = await db.all<any>('select max(seq) as seq from events where store_id = ?', [storeId])
  return {
    orders: orders.map(o => ({ id: o.id, status: o.status, total: Number(o.total_cents), created: time(o.created_at)!, refunded: Number(o.refunded_cents), refundedAt: time(o.refunded_at) })),
    items: items.map(i => ({ orderId: i.order_id, name: i.name, quantity: Number(i.quantity), lineTotal: Number(i.line_total_cents) })),
    payments: payments.map(p => ({ orderId: p.order_id, amount: Number(p.amount_cents), created: time(p.created_at)!, method: p.method })),
    lastSeq: Number(seq.seq ?? 0),
  }
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)

/** The figures of [from, to) computed straight from the orders and payments, the way the issue defines them. */
function expectedFigures(raw: Raw, from: number, to: number) {
  const within = (t: number | null) => t !== null && t >= from && t < to
  const created = raw.orders.filter(o => within(o.created))
  const counted = created.filter(o => o.status !== 'cancelled')
  const refundedCents = sum(raw.orders.filter(o => within(o.refundedAt)).map(o => o.refunded))
  const countedIds = new Set(counted.map(o => o.id))
  const products = new Map<string, { name: string, quantity: number, revenueCents: number }>()
  for (const item of raw.items.filter(i => countedIds.has(i.orderId))) {
    const product = products.get(item.name) ?? { name: item.name, quantity: 0, revenueCents: 0 }
    product.quantity += item.quantity
    product.revenueCents += item.lineTotal
    products.set(item.name, product)
  }
  return {
    revenueCents: sum(raw.payments.filter(p => within(p.created)).map(p => p.amount)) - refundedCents,
    orderCount: counted.length,
    orderTotalCents: sum(counted.map(o => o.total)),
    averageOrderValueCents: counted.length ? Math.round(sum(counted.map(o => o.total)) / counted.length) : 0,
    pendingOrderCount: created.filter(o => o.status === 'pending').length,
    paidOrderCount: created.filter(o => o.status === 'paid' || o.status === 'fulfilled').length,
    cancelledOrderCount: created.filter(o => o.status === 'cancelled').length,
    refundedCents,
    byMethod: ['card', 'cash', 'other'].map((method) => {
      const paid = raw.payments.filter(p => within(p.created) && p.method === method)
      return { method, amountCents: sum(paid.map(p => p.amount)), count: paid.length }
    }),
    grossSalesCents: sum(counted.map(o => o.total)),
    products: [...products.values()].filter(p => p.quantity > 0),
  }
}

/** The local wall-clock time of an instant in a zone, as "YYYY-MM-DD HH:mm". */
function localTime(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant)
}

describeWithServer('rollups', (ctx) => {
  // A whole-hour zone and a half-hour one: local days and hours are not UTC ones there.
  describe.each(['UTC', 'Asia/Kolkata'])('store in %s', (timeZone) => {
    let api: Api
    let storeId: string
    let model: Map<string, ModelOrder>
    let raw: Raw
    const seed = Math.floor(Math.random() * 2 ** 31)

    beforeAll(async () => {
      const registered = await registerStore(ctx.server.url, { timeZone })
      api = registered.api
      storeId = registered.auth.store.id
      model = await randomWrites(api, seed, 120)
      raw = await readRaw(ctx.db, storeId)
    })

    it(`stored exactly what the writes did (seed ${seed})`, async () => {
      const orders = await allOrders(api)
      expect(orders.map(o => ({ id: o.id, status: o.status, totalCents: o.totalCents, paidCents: o.paidCents, refundedCents: o.refundedCents })).sort((a, b) => a.id.localeCompare(b.id)))
        .toEqual([...model.values()].sort((a, b) => a.id.localeCompare(b.id)))
      // Every cent paid is a payment row; totals are the sum of their lines.
      for (const order of orders) {
        expect(sum(raw.payments.filter(p => p.orderId === order.id).map(p => p.amount))).toBe(order.paidCents)
        expect(sum(order.items.map((i: any) => i.lineTotalCents))).toBe(order.totalCents)
      }
      expect(new Set(orders.map(o => o.status))).toEqual(new Set(['pending', 'paid', 'fulfilled', 'cancelled', 'refunded']))
    })

    it.each(RANGES)(`summary for %s equals the direct computation (seed ${seed})`, async (range) => {
      const before = Date.now()
      const response = await api.get(`/analytics/summary?range=${range}`)
      const after = Date.now()
      expect(response.status).toBe(200)
      const summary = response.body
      const from = Date.parse(summary.from)
      const to = Date.parse(summary.to)
      // [from, to) is whole local days, ending with the local day of now.
      expect(localTime(from, timeZone)).toMatch(/ 00:00$/)
      expect(localTime(to, timeZone)).toMatch(/ 00:00$/)
      expect(to - from).toBe(RANGE_DAYS[range] * 24 * HOUR)
      expect(to).toBeGreaterThan(before)
      expect(to - 24 * HOUR).toBeLessThanOrEqual(after)
      const { products: _products, ...figures } = expectedFigures(raw, from, to)
      expect(summary).toEqual({ range, from: summary.from, to: summary.to, currency: 'USD', ...figures, lastSeq: raw.lastSeq })
      expect(figures.orderCount).toBeGreaterThan(0)
      expect(figures.revenueCents).toBeGreaterThan(0)
    })

    it.each([['today', 'hour'], ['today', 'day'], ['7d', 'day'], ['7d', 'hour'], ['90d', 'day']] as const)(`timeseries for %s by %s equals the direct computation (seed ${seed})`, async (range, bucket) => {
      const response = await api.get(`/analytics/timeseries?range=${range}&bucket=${bucket}`)
      expect(response.status).toBe(200)
      const series = response.body
      const from = Date.parse(series.from)
      const to = Date.parse(series.to)
      const step = bucket === 'hour' ? HOUR : 24 * HOUR
      expect(series).toMatchObject({ range, bucket, lastSeq: raw.lastSeq })
      expect(series.points).toHaveLength((to - from) / step)
      const expected = series.points.map((_: unknown, i: number) => {
        const start = from + i * step
        const figures = expectedFigures(raw, start, start + step)
        return { t: new Date(start).toISOString(), revenueCents: figures.revenueCents, orderCount: figures.orderCount }
      })
      expect(series.points).toEqual(expected)
      const summary = (await api.get(`/analytics/summary?range=${range}`)).body
      expect(sum(series.points.map((p: any) => p.revenueCents))).toBe(summary.revenueCents)
      expect(sum(series.points.map((p: any) => p.orderCount))).toBe(summary.orderCount)
    })

    it(`defaults the timeseries bucket to hours for today and days otherwise`, async () => {
      expect((await api.get('/analytics/timeseries')).body).toMatchObject({ range: 'today', bucket: 'hour' })
      expect((await api.get('/analytics/timeseries?range=30d')).body.points).toHaveLength(30)
      expect((await api.get('/analytics/timeseries?range=30d')).body.bucket).toBe('day')
    })

    it.each(RANGES)(`top products for %s equal the direct computation (seed ${seed})`, async (range) => {
      const all = await api.get(`/analytics/top-products?range=${range}&limit=50`)
      expect(all.status).toBe(200)
      const summary = (await api.get(`/analytics/summary?range=${range}`)).body
      const { products } = expectedFigures(raw, Date.parse(summary.from), Date.parse(summary.to))
      const byName = (list: any[]) => [...list].sort((a, b) => a.name.localeCompare(b.name))
      expect(byName(all.body.products)).toEqual(byName(products))
      // Best sellers first: by revenue, then quantity.
      const order = all.body.products.map((p: any) => [p.revenueCents, p.quantity])
      expect(order).toEqual([...order].sort((a: number[], b: number[]) => b[0] - a[0] || b[1] - a[1]))
      const top = await api.get(`/analytics/top-products?range=${range}&limit=3`)
      expect(top.body.products).toEqual(all.body.products.slice(0, 3))
      const fallback = await api.get(`/analytics/top-products?range=${range}`)
      expect(fallback.body.products).toEqual(all.body.products.slice(0, 5))
      expect(all.body.lastSeq).toBe(raw.lastSeq)
    })
  })

  it('reports zeros for a store without orders', async () => {
    const { api } = await registerStore(ctx.server.url)
    const summary = (await api.get('/analytics/summary')).body
    expect(summary).toMatchObject({ range: 'today', currency: 'USD', revenueCents: 0, orderCount: 0, averageOrderValueCents: 0, pendingOrderCount: 0, paidOrderCount: 0, cancelledOrderCount: 0, refundedCents: 0, lastSeq: 0 })
    const series = (await api.get('/analytics/timeseries?range=7d')).body
    expect(series.points).toHaveLength(7)
    expect(series.points.every((p: any) => p.revenueCents === 0 && p.orderCount === 0)).toBe(true)
    expect((await api.get('/analytics/top-products')).body.products).toEqual([])
  })
}, { db: true })
