import type { PushPayload } from '~shared/types/push'
import type { Db } from '../db/connection'
import { TZDate } from '@date-fns/tz'
import { startOfDay, subDays } from 'date-fns'
import { countText, fill, moneyText, percentText, voiceFor, weekdayText } from './voice'

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

/** The body's sentence for the change of the money collected (a whole percent; none from nothing). */
function changeTemplate(now: number, before: number): { key: 'summaryChange' | 'summarySame' | 'summaryFromNothing', percent: number } {
  if (before === 0)
    return { key: now === 0 ? 'summarySame' : 'summaryFromNothing', percent: 0 }
  const percent = Math.round((now - before) / Math.abs(before) * 100)
  return { key: percent === 0 ? 'summarySame' : 'summaryChange', percent }
}

/**
 * The store's day so far at `at` (local midnight to `at`), against the same span of the same weekday a
 * week before: revenue (payments − refunds) and orders (created, not cancelled), as a push.
 */
export async function dailySummaryPayload(db: Db, store: { id: string, name: string, time_zone: string, currency: string }, at: number, locale: string | null = null): Promise<PushPayload> {
  const local = new TZDate(at, store.time_zone)
  const today = { from: new Date(+startOfDay(local)).toISOString(), to: new Date(at).toISOString() }
  const weekAgo = subDays(local, 7)
  const before = { from: new Date(+startOfDay(weekAgo)).toISOString(), to: new Date(+weekAgo).toISOString() }
  const [now, then] = await Promise.all([totals(db, store.id, today), totals(db, store.id, before)])
  const voice = voiceFor(locale)
  const { texts } = voice
  const change = changeTemplate(now.revenueCents, then.revenueCents)
  return {
    type: 'daily_summary',
    title: fill(texts.summaryTitle, { store: store.name, amount: moneyText(voice, now.revenueCents, store.currency), orders: countText(voice, texts.orders, now.orders) }),
    body: fill(texts[change.key], {
      change: percentText(voice, change.percent),
      weekday: weekdayText(voice, at, store.time_zone),
      amount: moneyText(voice, then.revenueCents, store.currency),
      orders: countText(voice, texts.orders, then.orders),
    }),
    url: '/',
    tag: 'daily-summary',
  }
}
