import type { Db } from '../db/connection'
import { sql } from 'kysely'

/** Raw payloads are kept for support this long, then their deliveries are deleted. */
export const DELIVERY_RETENTION_MS = 30 * 86_400_000

/**
 * Deletes the deliveries received more than 30 days ago, with their payloads; held ones stay until what
 * they wait for arrives (they are what will apply it). Connection by connection, through the index of
 * each connection's deliveries by time: an index on the time alone would be one more b-tree every delivery
 * writes, for a job that runs once an hour. Returns how many went.
 */
export async function pruneDeliveries(db: Db, now = Date.now()): Promise<number> {
  const before = new Date(now - DELIVERY_RETENTION_MS).toISOString()
  const connections = await db.selectFrom('connections').select('id').execute()
  let deleted = 0
  for (const { id } of connections) {
    const result = await db.deleteFrom('connector_deliveries').where('connection_id', '=', id).where('received_at', '<', before).where('outcome', '!=', sql.lit('held')).executeTakeFirst()
    deleted += Number(result.numDeletedRows)
  }
  return deleted
}
