import type { Actor, ActorFigures, ByActor } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { StoresTable } from '../db/schema'
import type { ReportQuery } from './report-window'
import { sql } from 'kysely'
import { resolveReportWindow } from './report-window'
import { storeDaysOf } from './store-days'

interface Row extends ActorFigures { latest: string }

/**
 * The range's figures by who created each order: orders counted in their creation's hour, money in the
 * hour it moved (as the summary does), so that the rows add up to the summary's `orderCount`,
 * `revenueCents` and `refundedCents`. A payment or refund counts for the order's creator, not for who
 * took it. Creators are grouped by type and id; the name is the one on their latest order.
 */
export async function getByActor(db: Db, store: StoresTable, query: ReportQuery, now = new Date()): Promise<ByActor> {
  const window = resolveReportWindow(query, storeDaysOf(store), now)
  const { from, to } = window.bounds
  const [orders, payments, refunds] = await Promise.all([
    db.selectFrom('orders')
      .where('store_id', '=', store.id)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .groupBy('created_by')
      .select(['created_by', sql<number>`coalesce(sum(case when status <> 'cancelled' then 1 else 0 end), 0)`.as('orders'), sql<string>`max(created_at)`.as('latest')])
      .execute(),
    db.selectFrom('payments')
      .innerJoin('orders', 'orders.id', 'payments.order_id')
      .where('payments.store_id', '=', store.id)
      .where('payments.created_at', '>=', from)
      .where('payments.created_at', '<', to)
      .groupBy('orders.created_by')
      .select(['orders.created_by', sql<number>`sum(payments.amount_cents)`.as('cents')])
      .execute(),
    db.selectFrom('orders')
      .where('store_id', '=', store.id)
      .where('refunded_at', 'is not', null)
      .where('refunded_at', '>=', from)
      .where('refunded_at', '<', to)
      .groupBy('created_by')
      .select(['created_by', sql<number>`sum(refunded_cents)`.as('cents')])
      .execute(),
  ])
  const rows = new Map<string, Row>()
  const rowOf = (createdBy: string | null | undefined, latest = ''): Row => {
    const actor = createdBy ? JSON.parse(createdBy) as Actor : null
    const key = actor ? `${actor.type}:${actor.id}` : ''
    let row = rows.get(key)
    if (!row) {
      row = { actor, orderCount: 0, revenueCents: 0, refundedCents: 0, latest }
      rows.set(key, row)
    }
    else if (actor && latest > row.latest) {
      row.actor = actor
      row.latest = latest
    }
    return row
  }
  for (const order of orders) rowOf(order.created_by, order.latest).orderCount += Number(order.orders)
  for (const payment of payments) rowOf(payment.created_by).revenueCents += Number(payment.cents)
  for (const refund of refunds) {
    const row = rowOf(refund.created_by)
    row.revenueCents -= Number(refund.cents)
    row.refundedCents += Number(refund.cents)
  }
  const actors = [...rows.values()]
    .filter(row => row.orderCount !== 0 || row.revenueCents !== 0 || row.refundedCents !== 0)
    .sort((a, b) => b.revenueCents - a.revenueCents || b.orderCount - a.orderCount || (a.actor?.name ?? '').localeCompare(b.actor?.name ?? ''))
    .map(({ latest: _latest, ...figures }) => figures)
  return { range: window.range, from, to, actors }
}
