import type { SourceTotal } from '~shared/types/api'
import type { Db } from '../db/connection'
import { sql } from 'kysely'
import { ORDER_SOURCES } from '~shared/domain'

/**
 * The orders created in [from, to) and not cancelled, and what they collected (paid less
 * refunded), by where they came from: a platform, an API key (`api`) or Pulse itself (`pulse`). Read
 * from the orders (indexed by store and time); only for stores with a connection, the ones that sell
 * in several places.
 */
export async function getBySource(db: Db, storeId: string, from: string, to: string): Promise<SourceTotal[] | undefined> {
  if (!await hasConnection(db, storeId))
    return undefined
  const rows = await db.selectFrom('orders')
    .where('store_id', '=', storeId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where('status', '<>', 'cancelled')
    .select([
      sql<string>`coalesce(source_platform, case when created_by like '%"type":"api_key"%' then 'api' else 'pulse' end)`.as('source'),
      eb => eb.fn.countAll<number>().as('orders'),
      sql<number>`coalesce(sum(paid_cents - refunded_cents), 0)`.as('cents'),
    ])
    .groupBy(sql`1`)
    .execute()
  const totals = new Map(rows.map(row => [row.source, row]))
  return ORDER_SOURCES.filter(source => totals.has(source)).map(source => ({ source, orderCount: Number(totals.get(source)!.orders), revenueCents: Number(totals.get(source)!.cents) }))
}

/** Whether the store has a connection (its summary then has `bySource`). */
async function hasConnection(db: Db, storeId: string): Promise<boolean> {
  return !!await db.selectFrom('connections').select('store_id').where('store_id', '=', storeId).executeTakeFirst()
}
