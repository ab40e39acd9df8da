import type { PushPayload } from '~shared/types/push'
import type { Db } from '../db/connection'
import { TZDate } from '@date-fns/tz'
import { startOfDay, subDays } from 'date-fns'
import { money } from './messages'

interface Window { from: string, to: string }

async function totals(db: Db, storeId: string, window: Window): Promise<{ revenueCents: number, orders: number }> {
  const paid = await db.selectFrom('payments')
    .select(eb => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('cents'))
    .where('store_id', '=', storeId)
    .where('created_at', '>=', window.from)
    .where('created_at', '<', window.to)
    .executeTakeFirstOrThrow()
  const orders = await db.selectFrom('orders')
    .select(eb => [
      eb.fn.count<number>('id').filterWhere('created_at', '>=', window.from).filterWhere('created_at', '<', window.to).filterWhere('status', '!=', 'cancelled').as('orders'),
    ])
    .where('store_id', '=', storeId)
    .where('created_at', '>=', window.from)
    .executeTakeFirstOrThrow()
  const refunded = await db.selectFrom('refunds')
    .select(eb => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('cents'))
    .where('store_id', '=', storeId)
    .where('created_at', '>=', window.from)
    .where('created_at', '<', window.to)
    .executeTakeFirstOrThrow()
  return { revenueCents: Number(paid.cents) - Number(refunded.cents), orders: Number(orders.orders) }
}

function percent(now: number, before: number): string {
  if (before === 0)
    return now === 0 ? 'same as' : 'up from nothing'
  const change = Math.round((now - before) / Math.abs(before) * 100)
  return change === 0 ? 'same as' : change > 0 ? `+${change}% vs` : `${change}% vs`
}

/**
 * The store's day so far at `at` (local midnight to `at`), against the same span of the same weekday a
 * week before: revenue (payments − refunds) and orders (created, not cancelled), as a push.
 */
export async function dailySummaryPayload(db: Db, store: { id: string, name: string, time_zone: string, currency: string }, at: number): Promise<PushPayload> {
  const local = new TZDate(at, store.time_zone)
  const today = { from: new Date(+startOfDay(local)).toISOString(), to: new Date(at).toISOString() }
  const weekAgo = subDays(local, 7)
  const before = { from: new Date(+startOfDay(weekAgo)).toISOString(), to: new Date(+weekAgo).toISOString() }
  const [now, then] = await Promise.all([totals(db, store.id, today), totals(db, store.id, before)])
  const weekday = new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: store.time_zone }).format(at)
  const orders = (n: number) => `${n} order${n === 1 ? '' : 's'}`
  return {
    type: 'daily_summary',
    title: `Today at ${store.name}: ${money(now.revenueCents, store.currency)}, ${orders(now.orders)}`,
    body: `Revenue ${percent(now.revenueCents, then.revenueCents)} last ${weekday} (${money(then.revenueCents, store.currency)}, ${orders(then.orders)}).`,
    url: '/',
    tag: 'daily-summary',
  }
}
