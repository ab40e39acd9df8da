import type { OrderStatus, OrderUpdatedEvent, StreamEvent, StreamPayment, Summary, Timeseries, TopProduct, TopProducts } from '~shared/types/api'
import type { AnalyticsData, KpiKey } from './analytics-data'
import { unhandledEvent } from '~shared/unhandled-event'
import { TOP_PRODUCTS_LIMIT } from './analytics-data'

// The figures' shape and snapshot are in the entry; applying events loads with the first live event.
export type { AnalyticsData, KpiKey } from './analytics-data'
export { dataFromSnapshot, TOP_PRODUCTS_LIMIT } from './analytics-data'

export type EventOutcome
  /** The numbers were updated from the payload. */
  = | 'applied'
  /** Already counted (seq at or below the figures' lastSeq), or nothing shown depends on it. */
    | 'ignored'
  /** The payload cannot update the figures (a gap in seqs, a day that has rolled over, an unknown change). */
    | 'refetch'

export interface ApplyResult {
  data: AnalyticsData
  outcome: EventOutcome
  /** The KPI cards whose value changed, for a brief highlight. */
  changed: KpiKey[]
  /** Only top products are uncertain (the rest was applied): refetch them alone. */
  refetchTopProducts?: boolean
}

type SeqCheck = 'skip' | 'gap' | 'next'

/**
 * Where an event stands against figures that include everything up to `lastSeq`. Not a second dedupe of
 * the stream (useLiveStream delivers each event once): a snapshot loaded after the stream's cursor
 * already counts some of what arrives, and a jump means figures and stream have drifted apart.
 */
function checkSeq(lastSeq: number, seq: number): SeqCheck {
  if (seq <= lastSeq)
    return 'skip'
  return seq === lastSeq + 1 ? 'next' : 'gap'
}

function within(time: string, from: string, to: string): boolean {
  const t = Date.parse(time)
  return t >= Date.parse(from) && t < Date.parse(to)
}

/** An event later than the end of the range means the range has moved on (a new day): refetch. */
function pastRange(event: StreamEvent, to: string): boolean {
  return Date.parse(event.at) >= Date.parse(to) || Date.parse(event.order.createdAt) >= Date.parse(to)
}

/** The event and its order both come after the range: a custom range's fixed dates never see it. */
function afterRange(event: StreamEvent, to: string): boolean {
  return Date.parse(event.at) >= Date.parse(to) && Date.parse(event.order.createdAt) >= Date.parse(to)
}

/** Counts an event that changes nothing as seen, so that the next one is not taken for a gap. */
function skipSeq(data: AnalyticsData, seq: number): AnalyticsData {
  return {
    ...data,
    summary: { ...data.summary, lastSeq: Math.max(seq, data.summary.lastSeq) },
    timeseries: data.timeseries && { ...data.timeseries, lastSeq: Math.max(seq, data.timeseries.lastSeq) },
    topProducts: data.topProducts && { ...data.topProducts, lastSeq: Math.max(seq, data.topProducts.lastSeq) },
  }
}

type Counts = Pick<Summary, 'pendingOrderCount' | 'paidOrderCount' | 'cancelledOrderCount'>
const COUNT_OF: Partial<Record<OrderStatus, keyof Counts>> = {
  pending: 'pendingOrderCount',
  paid: 'paidOrderCount',
  fulfilled: 'paidOrderCount',
  cancelled: 'cancelledOrderCount',
}

function moveStatus(counts: Counts, from: OrderStatus | null, to: OrderStatus): void {
  const fromKey = from ? COUNT_OF[from] : undefined
  const toKey = COUNT_OF[to]
  if (fromKey === toKey)
    return
  if (fromKey)
    counts[fromKey] -= 1
  if (toKey)
    counts[toKey] += 1
}

function applyToSummary(data: AnalyticsData, event: StreamEvent): { summary: Summary, orderTotalCents: number } | 'refetch' {
  const summary = { ...data.summary, lastSeq: event.seq }
  let orderTotalCents = data.orderTotalCents
  const { from, to } = summary
  const createdInRange = within(event.order.createdAt, from, to)
  const atInRange = within(event.at, from, to)
  switch (event.type) {
    case 'order_created':
      if (createdInRange) {
        summary.orderCount += 1
        orderTotalCents += event.order.totalCents
        moveStatus(summary, null, event.order.status)
      }
      if (event.payment && atInRange)
        addPayment(summary, event.payment)
      break
    case 'payment_received':
      if (atInRange)
        addPayment(summary, event.payment)
      break
    case 'order_updated':
      if (createdInRange) {
        moveStatus(summary, event.previousStatus, event.order.status)
        if (isCancel(event)) {
          summary.orderCount -= 1
          orderTotalCents -= event.order.totalCents
        }
      }
      if (event.refundedCents && atInRange) {
        summary.revenueCents -= event.refundedCents
        summary.refundedCents += event.refundedCents
      }
      break
    default:
      return unhandledEvent(event)
  }
  if (summary.orderCount <= 0)
    orderTotalCents = 0
  summary.orderTotalCents = orderTotalCents
  summary.grossSalesCents = orderTotalCents
  // The goal counts today's revenue; what was expected by now and the comparison stay as loaded.
  if (summary.goal)
    summary.goal = { ...summary.goal, collectedCents: summary.revenueCents }
  summary.averageOrderValueCents = summary.orderCount > 0 ? Math.round(orderTotalCents / summary.orderCount) : 0
  return { summary, orderTotalCents }
}

function addPayment(summary: Summary, { amountCents, method }: StreamPayment): void {
  summary.revenueCents += amountCents
  summary.byMethod = summary.byMethod?.map(m => m.method === method ? { ...m, amountCents: m.amountCents + amountCents, count: m.count + 1 } : m)
}

/** An order moved to cancelled by this change: it no longer counts among the range's orders. */
function isCancel(event: OrderUpdatedEvent): boolean {
  return event.order.status === 'cancelled' && event.previousStatus !== 'cancelled'
}

/** Whether the event adds an order's lines to the products sold (1), takes them back (-1) or leaves them (0). */
function productSign(event: StreamEvent): 1 | -1 | 0 {
  switch (event.type) {
    case 'order_created':
      return 1
    case 'order_updated':
      return isCancel(event) ? -1 : 0
    case 'payment_received':
      return 0
    default:
      return unhandledEvent(event)
  }
}

function bucketIndex(series: Timeseries, time: string): number {
  const t = Date.parse(time)
  if (t < Date.parse(series.from) || t >= Date.parse(series.to))
    return -1
  let index = -1
  for (let i = 0; i < series.points.length; i++) {
    if (Date.parse(series.points[i].t) <= t)
      index = i
    else
      break
  }
  return index
}

function applyToTimeseries(series: Timeseries, event: StreamEvent): Timeseries {
  const points = series.points.slice()
  const bump = (time: string, revenue: number, orders: number) => {
    const i = bucketIndex(series, time)
    if (i < 0)
      return
    points[i] = { ...points[i], revenueCents: points[i].revenueCents + revenue, orderCount: points[i].orderCount + orders }
  }
  switch (event.type) {
    case 'order_created':
      bump(event.order.createdAt, 0, 1)
      if (event.payment)
        bump(event.at, event.payment.amountCents, 0)
      break
    case 'payment_received':
      bump(event.at, event.payment.amountCents, 0)
      break
    case 'order_updated':
      if (isCancel(event))
        bump(event.order.createdAt, 0, -1)
      if (event.refundedCents)
        bump(event.at, -event.refundedCents, 0)
      break
    default:
      return unhandledEvent(event)
  }
  return { ...series, points, lastSeq: event.seq }
}

/**
 * What the event does to the product rollups of the range (server: create-order and change-status): a new
 * order adds its lines, a cancel takes them back (a refund leaves them in). `null`: nothing; `refetch`:
 * the event does not carry all its lines (more than 50, or an event from before lines were carried).
 */
function productDeltas(data: AnalyticsData, event: StreamEvent): Map<string, TopProduct> | 'refetch' | null {
  if (!within(event.order.createdAt, data.summary.from, data.summary.to))
    return null
  const sign = productSign(event)
  if (sign === 0 || event.type === 'payment_received')
    return null
  if (!event.items || event.itemsTruncated || (event.itemCount ?? event.items.length) > event.items.length)
    return 'refetch'
  const deltas = new Map<string, TopProduct>()
  for (const item of event.items) {
    const delta = deltas.get(item.name) ?? { name: item.name, quantity: 0, revenueCents: 0 }
    delta.quantity += sign * item.quantity
    delta.revenueCents += sign * item.lineTotalCents
    deltas.set(item.name, delta)
  }
  return deltas
}

/** The server's order: revenue, then quantity (both descending), then name. */
export function compareProducts(a: TopProduct, b: TopProduct): number {
  return b.revenueCents - a.revenueCents || b.quantity - a.quantity || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
}

/**
 * Moves top products by the event's lines when the result is certain to equal a refetch, else `refetch`.
 * The list holds the first `TOP_PRODUCTS_LIMIT` products; a shorter list holds every product that sold.
 * - A product shown: its figures change by the lines.
 * - A product not shown, on a complete list: added with the lines' figures (it had sold nothing).
 * - A product not shown, on a full list, that gains: its total is unknown (refetch); that loses: it
 *   only falls further behind (nothing to do).
 * - On a full list, a shown product that loses and no longer ranks above the old last one might now
 *   rank below one not shown (refetch).
 */
function applyToTopProducts(top: TopProducts, deltas: Map<string, TopProduct> | null, seq: number): TopProducts | 'refetch' {
  if (!deltas || deltas.size === 0)
    return { ...top, lastSeq: seq }
  const full = top.products.length >= TOP_PRODUCTS_LIMIT
  const lastShown = top.products.at(-1)
  const byName = new Map(top.products.map(product => [product.name, { ...product }]))
  for (const delta of deltas.values()) {
    const shown = byName.get(delta.name)
    if (shown) {
      shown.quantity += delta.quantity
      shown.revenueCents += delta.revenueCents
      if (full && (delta.quantity < 0 || delta.revenueCents < 0) && compareProducts(shown, lastShown!) >= 0)
        return 'refetch'
    }
    else if (delta.quantity > 0) {
      if (full)
        return 'refetch'
      byName.set(delta.name, { ...delta })
    }
  }
  const products = [...byName.values()].filter(product => product.quantity > 0).sort(compareProducts).slice(0, TOP_PRODUCTS_LIMIT)
  return { ...top, products, lastSeq: seq }
}

function changedKpis(before: Summary, after: Summary): KpiKey[] {
  const changed: KpiKey[] = []
  if (before.revenueCents !== after.revenueCents)
    changed.push('revenue')
  if (before.orderCount !== after.orderCount)
    changed.push('orders')
  if (before.averageOrderValueCents !== after.averageOrderValueCents)
    changed.push('aov')
  if (before.pendingOrderCount !== after.pendingOrderCount)
    changed.push('pending')
  return changed
}

/**
 * Delta or refetch: updates the figures of one range in place from one stream event when its payload is
 * enough, or says that they must be refetched. Pure: returns new objects, never mutates `data`.
 *
 * Each part (summary, time series) carries the seq of the newest event it includes; an event at or below
 * it is already counted, the next seq is applied, and a jump means events were missed (refetch).
 * Top products that an event leaves uncertain are marked stale (`refetchTopProducts`) while the summary
 * and the chart take the event: only the list is refetched.
 */
export function applyEvent(data: AnalyticsData, event: StreamEvent): ApplyResult {
  const unchanged: ApplyResult = { data, outcome: 'ignored', changed: [] }
  const summaryCheck = checkSeq(data.summary.lastSeq, event.seq)
  const seriesCheck = data.timeseries ? checkSeq(data.timeseries.lastSeq, event.seq) : 'skip'
  const productsCheck = data.topProducts && !data.topProductsStale ? checkSeq(data.topProducts.lastSeq, event.seq) : 'skip'
  const checks = [summaryCheck, seriesCheck, productsCheck]
  if (checks.every(check => check === 'skip'))
    return unchanged
  const refetch: ApplyResult = { data, outcome: 'refetch', changed: [] }
  if (checks.includes('gap'))
    return refetch
  if (data.summary.range === 'custom' && afterRange(event, data.summary.to))
    return { data: skipSeq(data, event.seq), outcome: 'ignored', changed: [] }
  if (pastRange(event, data.summary.to))
    return refetch

  let next: AnalyticsData = data
  if (summaryCheck === 'next') {
    const result = applyToSummary(data, event)
    if (result === 'refetch')
      return refetch
    next = { ...next, ...result }
  }
  if (seriesCheck === 'next' && data.timeseries)
    next = { ...next, timeseries: applyToTimeseries(data.timeseries, event) }
  if (productsCheck === 'next' && data.topProducts) {
    const deltas = productDeltas(data, event)
    const top = deltas === 'refetch' ? deltas : applyToTopProducts(data.topProducts, deltas, event.seq)
    // The summary and the chart stay exact: only the list waits for its own refetch.
    next = top === 'refetch' ? { ...next, topProductsStale: true } : { ...next, topProducts: top }
  }
  const changed = changedKpis(data.summary, next.summary)
  const chartChanged = next.timeseries !== data.timeseries
    && next.timeseries!.points.some((p, i) => p !== data.timeseries!.points[i])
  const productsChanged = JSON.stringify(next.topProducts?.products) !== JSON.stringify(data.topProducts?.products)
  const outcome = changed.length > 0 || chartChanged || productsChanged ? 'applied' : 'ignored'
  return { data: next, outcome, changed, refetchTopProducts: !!next.topProductsStale && !data.topProductsStale }
}

/** After a refetch: applies the events that arrived while it was in flight (those it does not include). */
export function replayEvents(data: AnalyticsData, events: readonly StreamEvent[]): { data: AnalyticsData, needsRefetch: boolean } {
  let current = data
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    const result = applyEvent(current, event)
    if (result.outcome === 'refetch')
      return { data: current, needsRefetch: true }
    current = result.data
  }
  return { data: current, needsRefetch: false }
}
