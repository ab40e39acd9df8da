import type { PushKind, PushPayload } from '~shared/types/push'
import type { Db, Dialect } from '../db/connection'
import type { PushOutboxTable } from '../db/push-tables'
import type { PushRequest } from './http-send'
import webpush from 'web-push'
import { usePushConfig } from '../config'
import { iso, pushNow } from '../time/clock'
import { parseAlerts, quietUntil } from './alerts'
import { HostBackedOff, sendToHost } from './host-gate'
import { sendPushRequest } from './http-send'
import { deliveryOptions, topicOf } from './messages'
import { countPushOutcome } from './metrics'
import { mayReceive } from './recipient'
import { removeSubscriptions } from './subscriptions'
import { useVapidKeys } from './vapid'

const CLAIM_BATCH = 20

/**
 * Claims due pushes for this instance until `claimed_until` (a lease): one statement, and on
 * PostgreSQL FOR UPDATE SKIP LOCKED, so two instances never claim the same row. A push whose
 * instance died mid-send is claimable again once its lease runs out (at least once).
 */
export async function claimDue(db: Db, dialect: Dialect): Promise<PushOutboxTable[]> {
  const now = pushNow()
  return db.updateTable('push_outbox')
    .set(eb => ({ claimed_until: iso(now + usePushConfig().leaseMs), attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', eb => eb.selectFrom('push_outbox')
      .select('id')
      .where('not_before', '<=', iso(now))
      .where(w => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', iso(now))]))
      .orderBy('not_before')
      .orderBy('id')
      .limit(CLAIM_BATCH)
      .$if(dialect === 'postgres', qb => qb.forUpdate().skipLocked()))
    .returningAll()
    .execute()
}

function backoffMs(attempts: number): number {
  const base = usePushConfig().retryBaseMs
  const delay = Math.min(base * 2 ** Math.max(0, attempts - 1), 3_600_000)
  return Math.round(delay * (0.8 + Math.random() * 0.4))
}

async function release(db: Db, row: PushOutboxTable, notBefore: number, countAttempt: boolean): Promise<void> {
  await db.updateTable('push_outbox')
    .set({ claimed_until: null, not_before: iso(notBefore), attempts: countAttempt ? row.attempts : row.attempts - 1 })
    .where('id', '=', row.id)
    .execute()
}

const done = (db: Db, row: PushOutboxTable) => db.deleteFrom('push_outbox').where('id', '=', row.id).execute()

/** Sends one claimed push and records the outcome: sent (deleted), gone (subscription deleted), retry later, or dropped. */
export async function deliver(db: Db, row: PushOutboxTable): Promise<void> {
  const subscription = await db.selectFrom('push_subscriptions')
    .innerJoin('stores', 'stores.id', 'push_subscriptions.store_id')
    .select(['push_subscriptions.id', 'push_subscriptions.user_id', 'push_subscriptions.store_id', 'endpoint', 'p256dh', 'auth', 'alerts', 'stores.time_zone'])
    .where('push_subscriptions.id', '=', row.subscription_id)
    .executeTakeFirst()
  if (!subscription) {
    countPushOutcome('skipped')
    return void await done(db, row)
  }
  const kind = row.kind as PushKind
  // Checked as it goes, not when it was decided: the role, the store's settings or the membership may have changed.
  if (!await mayReceive(db, subscription, kind)) {
    countPushOutcome('skipped')
    return void await done(db, row)
  }
  const now = pushNow()
  // Quiet hours hold everything but the test the merchant asked for; it goes when they end.
  const quietEnd = kind === 'test' ? null : quietUntil(parseAlerts(subscription.alerts), subscription.time_zone, now)
  if (quietEnd !== null) {
    countPushOutcome('held')
    return release(db, row, quietEnd, false)
  }
  if (kind === 'pending_reminder' && row.order_id) {
    const order = await db.selectFrom('orders').select('status').where('id', '=', row.order_id).executeTakeFirst()
    if (order?.status !== 'pending') {
      countPushOutcome('skipped')
      return void await done(db, row)
    }
  }
  const pending = await db.selectFrom('orders').select(eb => eb.fn.countAll<number>().as('n')).where('store_id', '=', row.store_id).where('status', '=', 'pending').executeTakeFirstOrThrow()
  const payload: PushPayload = { ...JSON.parse(row.payload) as PushPayload, pendingCount: Number(pending.n) }
  const vapid = await useVapidKeys(db)
  const { ttl, urgency } = deliveryOptions(kind)
  const config = usePushConfig()
  let status: number
  let retryAfterMs: number | null = null
  try {
    const request = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      JSON.stringify(payload),
      { vapidDetails: vapid, TTL: ttl, urgency, topic: topicOf(row.store_id, kind === 'new_order' || kind === 'payment' ? row.dedupe_key : `${kind}:${row.order_id ?? row.dedupe_key}`), contentEncoding: 'aes128gcm' },
    ) as PushRequest
    const response = await sendToHost(subscription.endpoint, () => sendPushRequest(request, config.sendTimeoutMs).catch((error: Error) => {
      console.error(`[push] ${row.kind} to subscription ${row.subscription_id} failed: ${error.message}`)
      return { status: 0, retryAfterMs: null }
    }))
    status = response.status
    retryAfterMs = response.retryAfterMs
  }
  catch (error) {
    if (error instanceof HostBackedOff) {
      countPushOutcome('deferred')
      return release(db, row, error.until, false)
    }
    console.error(`[push] ${row.kind} to subscription ${row.subscription_id} failed: ${(error as Error).message}`)
    status = 0
  }
  if (status >= 200 && status < 300) {
    countPushOutcome('sent')
    return void await done(db, row)
  }
  if (status === 404 || status === 410) {
    // The browser unsubscribed or the subscription expired: it will never work again.
    countPushOutcome('gone')
    return removeSubscriptions(db, [row.subscription_id])
  }
  if ((status === 0 || status === 429 || status >= 500) && row.attempts < config.maxAttempts) {
    countPushOutcome('retried')
    return release(db, row, pushNow() + Math.min(retryAfterMs ?? backoffMs(row.attempts), 86_400_000), true)
  }
  countPushOutcome('dropped')
  console.error(`[push] dropping ${row.kind} for subscription ${row.subscription_id} after status ${status} (attempt ${row.attempts})`)
  await done(db, row)
}

/**
 * The earliest time a queued push becomes due, to sleep until then: a free push at its `not_before`,
 * a claimed one when its lease runs out (its instance may have died).
 */
export async function nextDue(db: Db): Promise<number | null> {
  const now = iso(pushNow())
  const [free, held] = await Promise.all([
    db.selectFrom('push_outbox').select(eb => eb.fn.min<string>('not_before').as('at')).where(w => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', now)])).executeTakeFirst(),
    db.selectFrom('push_outbox').select(eb => eb.fn.min<string>('claimed_until').as('at')).where('claimed_until', '>=', now).executeTakeFirst(),
  ])
  const times = [free?.at, held?.at].filter((at): at is string => Boolean(at)).map(at => Date.parse(at))
  return times.length > 0 ? Math.min(...times) : null
}
