import type { Actor, DeliveryOutcome } from '~shared/types/api'
import type { Trx } from '../db/connection'
import type { ConnectionsTable } from '../db/connector-tables'
import type { OrdersTable } from '../db/schema'
import type { StoreWrite } from '../store-writes/types'
import type { Facts, RefundFacts, SaleFacts } from './types'
import { sql } from 'kysely'
import { precompileWrite } from '../db/precompiled-query'
import { changeStatus } from '../orders/change-status'
import { insertOrder } from '../orders/insert-order'
import { recordPayment } from '../orders/record-payment'
import { applyRefund } from './apply-refund'
import { CONNECTORS } from './connectors'

/** What applying a delivery's facts came to (an `other_currency` sale keeps its currency and amount). */
export interface Applied { outcome: DeliveryOutcome, externalId: string | null, currency?: string, amountCents?: number }

export function actorOf(connection: ConnectionsTable): Actor {
  return { type: 'connection', id: connection.id, name: connection.name }
}

// Every delivery reads and writes its links (one ref, or two: Stripe's payment intent and charge):
// compiled once per number of refs, not built per delivery.
const linkQueries = new Map<number, { select: LinkLookup, insert: LinkInsert }>()
type LinkLookup = (trx: Trx, connectionId: string, ...refs: string[]) => Promise<{ order_id: string }[]>
type LinkInsert = (trx: Trx, orderId: string, connectionId: string, ...refs: string[]) => Promise<{ order_id: string }[]>

function linkQueriesFor(count: number): { select: LinkLookup, insert: LinkInsert } {
  let queries = linkQueries.get(count)
  if (!queries) {
    queries = {
      // Not joined with orders, and no LIMIT: on SQLite either made it several times slower, even with no match.
      select: precompileWrite((db, connectionId: string, ...refs: string[]) => db.selectFrom('connector_links')
        .select('order_id')
        .where('connection_id', '=', connectionId)
        .where('external_ref', 'in', refs)),
      insert: precompileWrite((db, orderId: string, connectionId: string, ...refs: string[]) => db.insertInto('connector_links')
        .values(refs.map(ref => ({ connection_id: connectionId, external_ref: ref, order_id: orderId })))
        .onConflict(oc => oc.doNothing())
        .returning('order_id')),
    }
    linkQueries.set(count, queries)
  }
  return queries
}

const selectOrder = precompileWrite((db, id: string) => db.selectFrom('orders').selectAll().where('id', '=', id))

const selectHeld = precompileWrite((db, connectionId: string) => db.selectFrom('connector_deliveries')
  .select(['id', 'held_facts', 'received_at'])
  .where('connection_id', '=', connectionId)
  // A literal: a partial index serves only a query whose WHERE names its condition's value.
  .where('outcome', '=', sql.lit('held')))

export async function findLinkedOrder(trx: Trx, connectionId: string, refs: string[]): Promise<OrdersTable | undefined> {
  if (refs.length === 0)
    return undefined
  const [link] = await linkQueriesFor(refs.length).select(trx, connectionId, ...refs)
  return link ? selectOrder(trx, link.order_id).then(([order]) => order) : undefined
}

/** Records that `refs` name `orderId`; false when every one of them already named an order (nothing new). */
async function link(trx: Trx, connectionId: string, refs: string[], orderId: string): Promise<boolean> {
  if (refs.length === 0)
    return false
  return (await linkQueriesFor(refs.length).insert(trx, orderId, connectionId, ...refs)).length > 0
}

async function applySale(w: StoreWrite, connection: ConnectionsTable, sale: SaleFacts): Promise<Applied> {
  const actor = actorOf(connection)
  let order = await findLinkedOrder(w.trx, connection.id, sale.refs)
  if (!order) {
    const source = { platform: connection.platform, connectionId: connection.id, externalId: sale.refs[0], url: sale.url }
    // A sale first seen paid is one fact: one order_created that carries its payment, not three events.
    order = (await insertOrder(w, { items: sale.items, customerName: sale.customerName, note: null, totalCents: sale.totalCents, sourcePlatform: connection.platform, source: JSON.stringify(source), paidWith: sale.paid }, actor)).row
  }
  await link(w.trx, connection.id, sale.refs, order.id)
  if (sale.paid && order.status === 'pending') {
    const outstanding = Number(order.total_cents) - Number(order.paid_cents)
    if (outstanding > 0)
      await recordPayment(w, order, outstanding, sale.paid, actor)
    await changeStatus(w, order, 'paid', actor)
  }
  if (sale.cancelled && order.status === 'pending')
    await changeStatus(w, order, 'cancelled', actor)
  if (sale.refundedTotalCents !== undefined && sale.refundedTotalCents > Number(order.refunded_cents))
    await applyRefund(w, order, sale.refundedTotalCents - Number(order.refunded_cents), actor)
  if (CONNECTORS[connection.platform].holdsRefunds)
    await releaseHeld(w, connection, sale.refs)
  return { outcome: 'applied', externalId: sale.refs[0] }
}

async function applyRefundFacts(w: StoreWrite, connection: ConnectionsTable, refund: RefundFacts): Promise<Applied> {
  const order = await findLinkedOrder(w.trx, connection.id, refund.refs)
  const externalId = refund.refs[0] ?? null
  if (!order)
    return { outcome: 'held', externalId }
  // A refund can come in several events (Square's refund.created and refund.updated): its id applies it once.
  if (await link(w.trx, connection.id, [`refund:${refund.refundId}`], order.id))
    await applyRefund(w, order, refund.amountCents, actorOf(connection))
  return { outcome: 'applied', externalId }
}

/** Applies the facts of one verified delivery inside a store write: the rules of "once, any order, money". */
export async function applyFacts(w: StoreWrite, connection: ConnectionsTable, facts: Facts): Promise<Applied> {
  if (facts.kind === 'ignored')
    return { outcome: 'ignored', externalId: null }
  if (facts.currency !== w.store.currency.toUpperCase())
    return { outcome: 'other_currency', externalId: facts.refs[0] ?? null, currency: facts.currency, amountCents: facts.kind === 'sale' ? facts.totalCents : facts.amountCents }
  return facts.kind === 'sale' ? applySale(w, connection, facts) : applyRefundFacts(w, connection, facts)
}

/** The deliveries that waited for a sale named by `refs`: applied now, in the order they arrived. */
async function releaseHeld(w: StoreWrite, connection: ConnectionsTable, refs: string[]): Promise<void> {
  // No ORDER BY in SQL: with one, SQLite walks the (connection, received_at) index through every delivery
  // the connection ever had to save a sort; held ones are few, found by their partial index and sorted here.
  const held = await selectHeld(w.trx, connection.id)
  held.sort((a, b) => a.received_at < b.received_at ? -1 : a.received_at > b.received_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  for (const delivery of held) {
    const facts = JSON.parse(delivery.held_facts ?? 'null') as RefundFacts | null
    if (!facts || !facts.refs.some(ref => refs.includes(ref)))
      continue
    const applied = await applyRefundFacts(w, connection, facts)
    await w.trx.updateTable('connector_deliveries').set({ outcome: applied.outcome, held_facts: null }).where('id', '=', delivery.id).execute()
  }
}
