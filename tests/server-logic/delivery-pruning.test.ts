import type { MigratedDatabase } from '../helpers/migrated-database'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DELIVERY_RETENTION_MS, pruneDeliveries } from '~server/utils/connectors/prune-deliveries'
import { BACKENDS } from '../helpers/databases'
import { openMigratedDatabase } from '../helpers/migrated-database'

const NOW = Date.parse('2026-12-06T12:00:00.000Z')
const DAY = 86_400_000

function delivery(id: string, ageMs: number, outcome: string, connectionId = 'c1') {
  return { id, connection_id: connectionId, store_id: 's1', received_at: new Date(NOW - ageMs).toISOString(), event_type: 'payment_intent.succeeded', event_key: id, external_id: null, outcome, error: null, currency: null, amount_cents: null, held_facts: outcome === 'held' ? '{}' : null, payload: `{"id":"${id}"}` }
}

describe.each(BACKENDS)('pruning webhook payloads on %s', (backend) => {
  let database: MigratedDatabase
  beforeAll(async () => {
    database = await openMigratedDatabase(backend)
    // Deliveries go with their connection (deleteConnection): pruning walks the connections.
    await database.db.insertInto('stores').values({ id: 's1', name: 's1', time_zone: 'UTC', currency: 'USD', next_order_number: 1, last_seq: 0, created_at: new Date(NOW - 90 * DAY).toISOString() }).execute()
    await database.db.insertInto('connections').values(['c1', 'c2'].map(id => ({ id, store_id: 's1', platform: 'stripe', name: id, created_by: 'u', created_at: new Date(NOW - 90 * DAY).toISOString() }))).execute()
  })
  afterAll(() => database?.dispose())

  it('deletes every connection\'s deliveries (and their raw payloads) older than 30 days, except held ones, and keeps the rest', async () => {
    expect(DELIVERY_RETENTION_MS).toBe(30 * DAY)
    await database.db.insertInto('connector_deliveries').values([
      delivery('old-applied', 31 * DAY, 'applied'),
      delivery('old-failed', 30 * DAY + 1, 'failed'),
      delivery('old-held', 40 * DAY, 'held'),
      delivery('recent', 30 * DAY - 60_000, 'applied'),
      delivery('today', 0, 'duplicate'),
      delivery('other-old', 45 * DAY, 'other_currency', 'c2'),
      delivery('other-recent', DAY, 'applied', 'c2'),
    ]).execute()
    expect(await pruneDeliveries(database.db as any, NOW)).toBe(3)
    const left = await database.db.selectFrom('connector_deliveries').select(['id', 'payload']).orderBy('id').execute()
    expect(left.map(row => row.id)).toEqual(['old-held', 'other-recent', 'recent', 'today'])
    expect(await pruneDeliveries(database.db as any, NOW)).toBe(0)
  })
})
