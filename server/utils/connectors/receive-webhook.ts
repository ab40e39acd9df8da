import type { DeliveryOutcome } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { ConnectorDeliveriesTable } from '../db/connector-tables'
import type { Facts, ParsedEvent, WebhookRequest } from './types'
import { newId } from '../db/new-id'
import { precompileWrite } from '../db/precompiled-query'
import { runStoreWrite } from '../store-writes/run-store-write'
import { applyFacts } from './apply-facts'
import { CONNECTORS } from './connectors'
import { countWebhook } from './metrics'
import { forgetConnection } from './read-connection'

/** Whether the request is signed by the connection's secret, or by the one before a rotation within its 24 hours. */
export async function verifyWebhook(request: WebhookRequest): Promise<boolean> {
  const { connection, now } = request
  const connector = CONNECTORS[connection.platform]
  if (connection.signing_secret && await connector.verify(request, connection.signing_secret))
    return true
  const previousValid = connection.previous_secret && connection.previous_secret_until && Date.parse(connection.previous_secret_until) > now.getTime()
  return previousValid ? connector.verify(request, connection.previous_secret!) : false
}

function deliveryRow(request: WebhookRequest, fields: Pick<ConnectorDeliveriesTable, 'received_at' | 'event_type' | 'event_key' | 'outcome'> & Partial<ConnectorDeliveriesTable>): ConnectorDeliveriesTable {
  return { id: newId(), connection_id: request.connection.id, store_id: request.connection.store_id, external_id: null, error: null, currency: null, amount_cents: null, held_facts: null, payload: request.text, ...fields }
}

// Every delivery claims its event with this insert (a repeat's conflict returns no row): compiled once.
const insertDelivery = precompileWrite((db, id: string, connectionId: string, storeId: string, receivedAt: string, eventType: string, eventKey: string | null, externalId: string | null, outcome: DeliveryOutcome, payload: string) => db.insertInto('connector_deliveries')
  .values({ id, connection_id: connectionId, store_id: storeId, received_at: receivedAt, event_type: eventType, event_key: eventKey, external_id: externalId, outcome, payload })
  .onConflict(oc => oc.columns(['connection_id', 'event_key']).doNothing())
  .returning('id'))

/** A verified body that is not the platform's JSON: recorded as a `failed` delivery (with why). */
export async function recordFailedDelivery(db: Db, request: WebhookRequest, error: string): Promise<void> {
  const at = request.now.toISOString()
  await db.insertInto('connector_deliveries').values(deliveryRow(request, { received_at: at, event_type: request.headers.get('x-shopify-topic') ?? request.headers.get('x-wc-webhook-topic') ?? 'unknown', event_key: null, outcome: 'failed', error })).execute()
  await db.updateTable('connections').set({ last_event_at: at, last_outcome: 'failed' }).where('id', '=', request.connection.id).execute()
  forgetConnection(db, request.connection.id)
  countWebhook(request.connection.platform, 'failed')
}

/** Reads a verified delivery; `InvalidPayload` when it is not the platform's JSON. */
export function parseWebhook(request: WebhookRequest): ParsedEvent {
  return CONNECTORS[request.connection.platform].parse(request)
}

/** How stale `lastEventAt` may be before a delivery rewrites it (a busy shop would otherwise write the row every sale). */
const LAST_EVENT_RESOLUTION_MS = 60_000

function externalIdOf(facts: Facts): string | null {
  return facts.kind === 'ignored' ? null : facts.refs[0] ?? null
}

/**
 * Applies a verified delivery once: in one store write (the store row lock orders instances), the
 * delivery claims its event id for the connection first (a unique index); an id already claimed is a
 * `duplicate`. Otherwise its facts commit with the delivery through the same write as POST /orders
 * (events, rollups, seq, stream).
 */
export async function receiveWebhook(db: Db, request: WebhookRequest, event: ParsedEvent): Promise<DeliveryOutcome> {
  const { connection } = request
  let touched = false
  const outcome = await runStoreWrite(db, connection.store_id, async (w) => {
    const id = newId()
    const claimed = await insertDelivery(w.trx, id, connection.id, connection.store_id, w.now, event.eventType, event.eventId, externalIdOf(event.facts), 'applied', request.text)
    if (claimed.length === 0) {
      await insertDelivery(w.trx, newId(), connection.id, connection.store_id, w.now, event.eventType, null, null, 'duplicate', request.text)
      return 'duplicate' as const
    }
    const applied = await applyFacts(w, connection, event.facts)
    if (applied.outcome !== 'applied') {
      await w.trx.updateTable('connector_deliveries')
        .set({ outcome: applied.outcome, currency: applied.currency ?? null, amount_cents: applied.amountCents ?? null, held_facts: applied.outcome === 'held' ? JSON.stringify(event.facts) : null })
        .where('id', '=', id)
        .execute()
    }
    const stale = !connection.last_event_at || Date.parse(w.now) - Date.parse(connection.last_event_at) >= LAST_EVENT_RESOLUTION_MS
    if (stale || connection.last_outcome !== applied.outcome) {
      await w.trx.updateTable('connections').set({ last_event_at: w.now, last_outcome: applied.outcome }).where('id', '=', connection.id).execute()
      touched = true
    }
    return applied.outcome
  })
  if (touched)
    forgetConnection(db, connection.id)
  countWebhook(connection.platform, outcome)
  return outcome
}
