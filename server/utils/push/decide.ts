import type { StreamEvent } from '~shared/types/api'
import type { PushAlerts, PushPayload } from '~shared/types/push'
import type { Db, Dialect } from '../db/connection'
import type { PushOutboxTable } from '../db/push-tables'
import { decodeStreamEvent } from '~shared/schemas/stream-event'
import { unhandledEvent } from '~shared/unhandled-event'
import { chunks } from '../db/chunks'
import { newId } from '../db/new-id'
import { iso, pushNow } from '../time/clock'
import { parseAlerts, summaryDueAt } from './alerts'
import { dailySummaryPayload } from './daily-summary'
import { newOrderPayload, paymentPayload, reminderPayload } from './messages'

export const DECIDE_BATCH = 500
/** A missing seq older than this is taken as pruned from the log rather than not committed yet. */
const GAP_GRACE_MS = 60_000

interface Subscriber { id: string, alerts: PushAlerts, locale?: string | null }

function outboxRow(subscriptionId: string, storeId: string, dedupeKey: string, payload: PushPayload, notBefore: number, now: number): PushOutboxTable {
  return {
    id: newId(),
    subscription_id: subscriptionId,
    store_id: storeId,
    kind: payload.type,
    dedupe_key: dedupeKey,
    order_id: payload.orderId ?? null,
    payload: JSON.stringify(payload),
    not_before: iso(notBefore),
    claimed_until: null,
    attempts: 0,
    created_at: iso(now),
  }
}

/** The pushes one committed event makes for one device, by its alert preferences. */
export function pushesFor(event: StreamEvent, subscriber: Subscriber, storeName: string, now: number): PushOutboxTable[] {
  const { alerts } = subscriber
  if (alerts.minOrderCents !== null && event.order.totalCents < alerts.minOrderCents)
    return []
  const rows: PushOutboxTable[] = []
  switch (event.type) {
    case 'order_created':
      if (alerts.newOrders)
        rows.push(outboxRow(subscriber.id, event.storeId, `seq:${event.seq}`, newOrderPayload(event, storeName, subscriber.locale), now, now))
      // An order that came in paid tells of its payment too, as a payment_received would have.
      if (alerts.payments && event.payment)
        rows.push(outboxRow(subscriber.id, event.storeId, `payment:${event.seq}`, paymentPayload({ order: event.order, payment: event.payment, seq: event.seq }, storeName, subscriber.locale), now, now))
      if (alerts.pendingReminderMinutes !== null && event.order.status === 'pending') {
        // The event's time is on the real clock; `now` on the push clock (the same outside tests).
        const due = Date.parse(event.at) + (now - Date.now()) + alerts.pendingReminderMinutes * 60_000
        rows.push(outboxRow(subscriber.id, event.storeId, `reminder:${event.order.id}`, reminderPayload(event, alerts.pendingReminderMinutes, subscriber.locale), due, now))
      }
      return rows
    case 'payment_received':
      if (alerts.payments)
        rows.push(outboxRow(subscriber.id, event.storeId, `seq:${event.seq}`, paymentPayload(event, storeName, subscriber.locale), now, now))
      return rows
    case 'order_updated':
      return rows
    default:
      return unhandledEvent(event)
  }
}

async function insertOutbox(db: Db, rows: PushOutboxTable[]): Promise<void> {
  for (const part of chunks(rows))
    await db.insertInto('push_outbox').values(part).onConflict(oc => oc.columns(['subscription_id', 'dedupe_key']).doNothing()).execute()
}

/**
 * Decides the pushes of a store's committed events past its cursor and moves the cursor, in one
 * transaction: a crash before the commit decides them again, after it they are in the outbox. On
 * PostgreSQL the cursor row is claimed with SKIP LOCKED, so one instance at a time decides a store.
 * Returns how many events it decided and how many pushes that queued.
 */
export async function decideStore(db: Db, dialect: Dialect, storeId: string): Promise<{ events: number, queued: number }> {
  return db.transaction().execute(async (trx) => {
    const cursor = await trx.selectFrom('push_cursors').select('last_seq').where('store_id', '=', storeId).$if(dialect === 'postgres', qb => qb.forUpdate().skipLocked()).executeTakeFirst()
    const none = { events: 0, queued: 0 }
    if (!cursor)
      return none
    let lastSeq = Number(cursor.last_seq)
    const events = await trx.selectFrom('events').select(['seq', 'payload', 'created_at']).where('store_id', '=', storeId).where('seq', '>', lastSeq).orderBy('seq').limit(DECIDE_BATCH).execute()
    if (events.length === 0)
      return none
    const now = pushNow()
    const store = await trx.selectFrom('stores').select('name').where('id', '=', storeId).executeTakeFirst()
    const subscribers: Subscriber[] = (await trx.selectFrom('push_subscriptions').select(['id', 'alerts', 'locale']).where('store_id', '=', storeId).execute())
      .map(row => ({ id: row.id, alerts: parseAlerts(row.alerts), locale: row.locale }))
    const rows: PushOutboxTable[] = []
    for (const row of events) {
      const seq = Number(row.seq)
      if (seq !== lastSeq + 1 && Date.now() - Date.parse(row.created_at) < GAP_GRACE_MS)
        break
      lastSeq = seq
      // A row this code cannot read (a kind from a newer version) pushes nothing; the cursor passes it.
      const event = decodeStreamEvent(row.payload)
      if (!event)
        continue
      for (const subscriber of subscribers) rows.push(...pushesFor(event, subscriber, store?.name ?? '', now))
    }
    if (lastSeq === Number(cursor.last_seq))
      return none
    await insertOutbox(trx, rows)
    await trx.updateTable('push_cursors').set({ last_seq: lastSeq }).where('store_id', '=', storeId).execute()
    return { events: lastSeq - Number(cursor.last_seq), queued: rows.length }
  })
}

/** Stores with a push cursor: those that have (or had) a subscribed device. */
export async function storesWithCursor(db: Db): Promise<string[]> {
  return (await db.selectFrom('push_cursors').select('store_id').execute()).map(row => row.store_id)
}

/** Stores whose log has moved past their push cursor. */
export async function laggingStores(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('push_cursors')
    .innerJoin('stores', 'stores.id', 'push_cursors.store_id')
    .select('push_cursors.store_id')
    .whereRef('stores.last_seq', '>', 'push_cursors.last_seq')
    .execute()
  return rows.map(row => row.store_id)
}

/** Queues the daily summaries that are due and schedules each device's next one. */
export async function scheduleSummaries(db: Db, dialect: Dialect): Promise<number> {
  const now = pushNow()
  return db.transaction().execute(async (trx) => {
    const due = await trx.selectFrom('push_subscriptions')
      .innerJoin('stores', 'stores.id', 'push_subscriptions.store_id')
      .select(['push_subscriptions.id', 'push_subscriptions.alerts', 'push_subscriptions.summary_due_at', 'push_subscriptions.locale', 'stores.id as store_id', 'stores.name', 'stores.time_zone', 'stores.currency'])
      .where('push_subscriptions.summary_due_at', '<=', iso(now))
      .limit(50)
      .$if(dialect === 'postgres', qb => qb.forUpdate('push_subscriptions').skipLocked())
      .execute()
    for (const row of due) {
      const alerts = parseAlerts(row.alerts)
      const at = Date.parse(row.summary_due_at!)
      const payload = await dailySummaryPayload(trx, { id: row.store_id, name: row.name, time_zone: row.time_zone, currency: row.currency }, at, row.locale)
      await insertOutbox(trx, [outboxRow(row.id, row.store_id, `summary:${row.summary_due_at}`, payload, at, now)])
      await trx.updateTable('push_subscriptions').set({ summary_due_at: summaryDueAt(alerts, row.time_zone, Math.max(now, at)) }).where('id', '=', row.id).execute()
    }
    return due.length
  })
}

export async function queueTestPush(db: Db, subscriptionId: string, storeId: string, payload: PushPayload): Promise<void> {
  const now = pushNow()
  await insertOutbox(db, [outboxRow(subscriptionId, storeId, `test:${newId()}`, payload, now, now)])
}
