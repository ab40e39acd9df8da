import type { PushAlertsInput } from '~shared/schemas/push'
import type { PushAlerts, PushSubscriptionInfo } from '~shared/types/push'
import type { Session } from '../auth/sessions/sessions'
import type { Db } from '../db/connection'
import type { PushSubscriptionsTable } from '../db/push-tables'
import { sql } from 'kysely'
import { useConnection, useDb } from '../db/connection'
import { newId } from '../db/new-id'
import { createApiError } from '../http/errors'
import { assertBelowCap, CAPS } from '../limits/caps'
import { pushNow } from '../time/clock'
import { DEFAULT_ALERTS, mergeAlerts, parseAlerts, summaryDueAt } from './alerts'
import { validateEndpoint } from './endpoint'

export interface SubscribeInput {
  subscription: { endpoint: string, keys: { p256dh: string, auth: string } }
  alerts: PushAlertsInput
}

function toInfo(row: PushSubscriptionsTable, session: Session): PushSubscriptionInfo {
  return {
    id: row.id,
    alerts: parseAlerts(row.alerts),
    service: new URL(row.endpoint).origin,
    userAgent: row.user_agent,
    current: row.session_id === session.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

async function storeZone(db: Db, storeId: string): Promise<{ timeZone: string, lastSeq: number }> {
  const store = await db.selectFrom('stores').select(['time_zone', 'last_seq']).where('id', '=', storeId).executeTakeFirstOrThrow()
  return { timeZone: store.time_zone, lastSeq: Number(store.last_seq) }
}

/**
 * Subscribes this session's device, or updates it when the endpoint is known (a browser has one
 * subscription per origin: after a sign-in on the same device it moves to the new user and session).
 * Returns whether it was created. 409 `limit_reached` for a person's device past `CAPS.pushDevicesPerUser`.
 */
export async function subscribe(db: Db, session: Session, input: SubscribeInput, userAgent: string | null): Promise<{ info: PushSubscriptionInfo, created: boolean }> {
  await validateEndpoint(input.subscription.endpoint)
  const { timeZone, lastSeq } = await storeZone(db, session.storeId)
  const { dialect } = await useConnection()
  const now = new Date().toISOString()
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('push_subscriptions').selectAll().where('endpoint', '=', input.subscription.endpoint).executeTakeFirst()
    if (existing?.user_id !== session.userId) {
      // One subscribe of a person at a time on PostgreSQL, so that concurrent ones cannot both pass the cap.
      if (dialect === 'postgres')
        await sql`select pg_advisory_xact_lock(hashtext(${`push-devices:${session.userId}`}))`.execute(trx)
      const held = await trx.selectFrom('push_subscriptions').select(eb => eb.fn.countAll<number>().as('n')).where('user_id', '=', session.userId).executeTakeFirstOrThrow()
      assertBelowCap(held.n, CAPS.pushDevicesPerUser, `You already get notifications on ${CAPS.pushDevicesPerUser} devices (the limit): turn them off on one first.`)
    }
    const base = existing && existing.store_id === session.storeId ? parseAlerts(existing.alerts) : DEFAULT_ALERTS
    const alerts = mergeAlerts(base, input.alerts)
    const row: PushSubscriptionsTable = {
      id: existing?.id ?? newId(),
      store_id: session.storeId,
      user_id: session.userId,
      session_id: session.id,
      endpoint: input.subscription.endpoint,
      p256dh: input.subscription.keys.p256dh,
      auth: input.subscription.keys.auth,
      alerts: JSON.stringify(alerts),
      user_agent: userAgent?.slice(0, 300) ?? null,
      summary_due_at: summaryDueAt(alerts, timeZone, pushNow()),
      created_at: existing?.created_at ?? now,
      updated_at: now,
    }
    if (existing) {
      if (existing.store_id !== session.storeId)
        await trx.deleteFrom('push_outbox').where('subscription_id', '=', existing.id).execute()
      await trx.updateTable('push_subscriptions').set(row).where('id', '=', existing.id).execute()
    }
    else {
      await trx.insertInto('push_subscriptions').values(row).execute()
    }
    // The worker decides pushes from the store's log onwards from here: never for the history.
    await trx.insertInto('push_cursors').values({ store_id: session.storeId, last_seq: lastSeq }).onConflict(oc => oc.column('store_id').doNothing()).execute()
    return { info: toInfo(row, session), created: !existing }
  })
}

export async function listSubscriptions(db: Db, session: Session): Promise<PushSubscriptionInfo[]> {
  const rows = await db.selectFrom('push_subscriptions').selectAll().where('user_id', '=', session.userId).orderBy('created_at').execute()
  return rows.map(row => toInfo(row, session))
}

async function ownRow(db: Db, session: Session, id: string): Promise<PushSubscriptionsTable> {
  const row = await db.selectFrom('push_subscriptions').selectAll().where('id', '=', id).where('user_id', '=', session.userId).executeTakeFirst()
  if (!row)
    throw createApiError(404, 'subscription_not_found', 'No such push subscription for this user.')
  return row
}

export async function updateAlerts(db: Db, session: Session, id: string, input: PushAlertsInput): Promise<PushSubscriptionInfo> {
  await ownRow(db, session, id)
  const { dialect } = await useConnection()
  // Read, merge and write in one transaction with the row locked: two quick changes both stay.
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('push_subscriptions').selectAll().where('id', '=', id).$if(dialect === 'postgres', qb => qb.forUpdate()).executeTakeFirst()
    if (!row)
      throw createApiError(404, 'subscription_not_found', 'No such push subscription for this user.')
    const alerts: PushAlerts = mergeAlerts(parseAlerts(row.alerts), input)
    const { timeZone } = await storeZone(trx, row.store_id)
    const updated = { ...row, alerts: JSON.stringify(alerts), summary_due_at: summaryDueAt(alerts, timeZone, pushNow()), updated_at: new Date().toISOString() }
    await trx.updateTable('push_subscriptions').set({ alerts: updated.alerts, summary_due_at: updated.summary_due_at, updated_at: updated.updated_at }).where('id', '=', id).execute()
    return toInfo(updated, session)
  })
}

export async function deleteSubscription(db: Db, session: Session, id: string): Promise<void> {
  await ownRow(db, session, id)
  await removeSubscriptions(db, [id])
}

/** Removes subscriptions and whatever they still had to receive. */
export async function removeSubscriptions(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0)
    return
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('push_outbox').where('subscription_id', 'in', ids).execute()
    await trx.deleteFrom('push_subscriptions').where('id', 'in', ids).execute()
  })
}

/** Sign-out of a session removes the device it subscribed. */
export async function removeSessionSubscriptions(db: Db, sessionId: string): Promise<void> {
  const rows = await db.selectFrom('push_subscriptions').select('id').where('session_id', '=', sessionId).execute()
  await removeSubscriptions(db, rows.map(row => row.id))
}

/** Signed-out sessions' devices stop receiving pushes; a failure is logged and never keeps the sign-out from finishing. */
export async function removeSubscriptionsOfSessions(ids: Set<string>): Promise<void> {
  const db = await useDb()
  for (const id of ids)
    await removeSessionSubscriptions(db, id).catch(error => console.error('[push] could not remove the subscriptions of a signed-out session:', error))
}

/** A member leaving a store (or a device unpaired) takes every device they subscribed there, whatever their sessions' state. */
export async function removeStoreSubscriptionsOf(db: Db, principalId: string, storeId: string): Promise<void> {
  const rows = await db.selectFrom('push_subscriptions').select('id').where('user_id', '=', principalId).where('store_id', '=', storeId).execute()
  await removeSubscriptions(db, rows.map(row => row.id))
}

export async function ownSubscription(db: Db, session: Session, id: string): Promise<PushSubscriptionsTable> {
  return ownRow(db, session, id)
}
