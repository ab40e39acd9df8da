import type { Platform } from '~shared/domain'
import type { Actor, Connection, ConnectionStats, CreatedConnection, Delivery, DeliveryOutcome } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { ConnectionsTable, ConnectorDeliveriesTable } from '../db/connector-tables'
import { sql } from 'kysely'
import { DELIVERY_OUTCOMES, PLATFORM_LABELS } from '~shared/domain'
import { randomBase62 } from '../auth/passwords/secrets'
import { useConfig } from '../config'
import { newId } from '../db/new-id'
import { createApiError } from '../http/errors'
import { forgetConnection } from './read-connection'

/** How long the secret before a rotation keeps verifying (Shopify may sign with it for up to an hour). */
export const PREVIOUS_SECRET_MS = 24 * 3_600_000

export function connectionNotFound(): Error {
  return createApiError('connection_not_found')
}

/** The URL the merchant pastes into the platform: byte for byte what Square signs. */
export function webhookUrl(origin: string, platform: string, id: string): string {
  return `${useConfig().publicUrl ?? origin}/api/v1/webhooks/${platform}/${id}`
}

function statusOf(row: ConnectionsTable): Connection['status'] {
  if (!row.signing_secret)
    return 'needs_secret'
  if (!row.last_event_at)
    return 'waiting'
  return row.last_outcome === 'failed' ? 'failing' : 'receiving'
}

export function toConnection(row: ConnectionsTable, origin: string): Connection {
  return { id: row.id, platform: row.platform, name: row.name, webhookUrl: webhookUrl(origin, row.platform, row.id), createdAt: row.created_at, lastEventAt: row.last_event_at, status: statusOf(row), shopDomain: row.shop_domain }
}

export interface NewConnection { platform: Platform, name?: string, signingSecret?: string, shopDomain?: string, apiKey?: string }

function checkSecret(platform: Platform, secret: string | undefined): void {
  if (secret !== undefined && platform === 'stripe' && !secret.startsWith('whsec_'))
    throw createApiError('validation_failed', 'body.signingSecret: a Stripe webhook signing secret starts with whsec_.')
}

/**
 * Adds a connection. Stripe and Square show their secret only once the URL is registered: until it is
 * pasted (PATCH) every delivery is refused. WooCommerce lets the merchant choose the secret: without
 * one Pulse makes one (43 base62 characters) and returns it this once, to paste into WooCommerce.
 */
export async function createConnection(db: Db, storeId: string, input: NewConnection, by: Actor, origin: string): Promise<CreatedConnection> {
  checkSecret(input.platform, input.signingSecret)
  const generated = input.signingSecret === undefined && input.platform === 'woocommerce' ? randomBase62() : undefined
  const row: ConnectionsTable = {
    id: newId(),
    store_id: storeId,
    platform: input.platform,
    name: input.name ?? PLATFORM_LABELS[input.platform],
    signing_secret: input.signingSecret ?? generated ?? null,
    previous_secret: null,
    previous_secret_until: null,
    shop_domain: input.shopDomain ?? null,
    api_key: input.apiKey ?? null,
    created_by: JSON.stringify(by),
    created_at: new Date().toISOString(),
    last_event_at: null,
    last_outcome: null,
  }
  await db.insertInto('connections').values(row).execute()
  return { ...toConnection(row, origin), ...(generated ? { signingSecret: generated } : {}) }
}

export async function listConnections(db: Db, storeId: string, origin: string): Promise<Connection[]> {
  const rows = await db.selectFrom('connections').selectAll().where('store_id', '=', storeId).orderBy('created_at').orderBy('id').execute()
  return rows.map(row => toConnection(row, origin))
}

export async function findConnection(db: Db, storeId: string, id: string): Promise<ConnectionsTable> {
  const row = await db.selectFrom('connections').selectAll().where('id', '=', id).where('store_id', '=', storeId).executeTakeFirst()
  if (!row)
    throw connectionNotFound()
  return row
}

/** Renames a connection, sets its read credential, or rotates its secret: the secret before keeps verifying for 24 hours. */
export async function updateConnection(db: Db, storeId: string, id: string, input: { name?: string, signingSecret?: string, apiKey?: string }, origin: string): Promise<Connection> {
  const row = await findConnection(db, storeId, id)
  checkSecret(row.platform, input.signingSecret)
  const changes: Partial<ConnectionsTable> = {}
  if (input.name !== undefined)
    changes.name = input.name
  if (input.apiKey !== undefined)
    changes.api_key = input.apiKey
  if (input.signingSecret !== undefined && input.signingSecret !== row.signing_secret) {
    changes.signing_secret = input.signingSecret
    if (row.signing_secret) {
      changes.previous_secret = row.signing_secret
      changes.previous_secret_until = new Date(Date.now() + PREVIOUS_SECRET_MS).toISOString()
    }
  }
  if (Object.keys(changes).length > 0) {
    await db.updateTable('connections').set(changes).where('id', '=', id).execute()
    forgetConnection(db, id)
  }
  return toConnection({ ...row, ...changes }, origin)
}

/** Removes a connection with its deliveries and links; its orders stay, with their source. */
export async function deleteConnection(db: Db, storeId: string, id: string): Promise<void> {
  await findConnection(db, storeId, id)
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('connector_deliveries').where('connection_id', '=', id).execute()
    await trx.deleteFrom('connector_links').where('connection_id', '=', id).execute()
    await trx.deleteFrom('connection_backfills').where('connection_id', '=', id).execute()
    await trx.deleteFrom('connections').where('id', '=', id).execute()
  })
  forgetConnection(db, id)
}

function toDelivery(row: Pick<ConnectorDeliveriesTable, 'received_at' | 'event_type' | 'external_id' | 'outcome' | 'error'>, platform: Platform): Delivery {
  return { receivedAt: row.received_at, platform, eventType: row.event_type, externalId: row.external_id, outcome: row.outcome, ...(row.error ? { error: row.error } : {}) }
}

/** The last deliveries, or the last failures (read through their partial index, which needs the outcome as a literal). */
export async function listDeliveries(db: Db, connection: ConnectionsTable, limit: number, only?: 'failed'): Promise<Delivery[]> {
  let query = db.selectFrom('connector_deliveries').select(['received_at', 'event_type', 'external_id', 'outcome', 'error']).where('connection_id', '=', connection.id)
  if (only)
    query = query.where('outcome', '=', sql.lit(only))
  const rows = await query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
  return rows.map(row => toDelivery(row, connection.platform))
}

/** A connection's state for its page: deliveries by outcome, the sales in other currencies, the last failures. */
export async function readConnectionStats(db: Db, connection: ConnectionsTable): Promise<ConnectionStats> {
  const counts = Object.fromEntries(DELIVERY_OUTCOMES.map(outcome => [outcome, 0])) as Record<DeliveryOutcome, number>
  const byOutcome = await db.selectFrom('connector_deliveries').select(['outcome', eb => eb.fn.countAll<number>().as('count')]).where('connection_id', '=', connection.id).groupBy('outcome').execute()
  for (const row of byOutcome) counts[row.outcome] = Number(row.count)
  const other = await db.selectFrom('connector_deliveries')
    .select(['currency', eb => eb.fn.countAll<number>().as('count'), eb => eb.fn.sum<number>('amount_cents').as('amount')])
    .where('connection_id', '=', connection.id)
    .where('outcome', '=', sql.lit('other_currency'))
    .groupBy('currency')
    .orderBy('currency')
    .execute()
  return {
    counts,
    otherCurrency: other.map(row => ({ currency: row.currency ?? '', count: Number(row.count), amountCents: Number(row.amount ?? 0) })),
    lastFailures: await listDeliveries(db, connection, 5, 'failed'),
  }
}
