import type { Db } from '../db/connection'

/** Raw payloads are kept for support this long, then their deliveries are deleted. */
export const DELIVERY_RETENTION_MS = 30 * 86_400_000

/**
 * Deletes the deliveries received more than 30 days ago, with their payloads; held ones stay until what
 * they wait for arrives (they are what will apply it). Returns how many went.
 */
export async function pruneDeliveries(db: Db, now = Date.now()): Promise<number> {
  const before = new Date(now - DELIVERY_RETENTION_MS).toISOString()
  const result = await db.deleteFrom('connector_deliveries').where('received_at', '<', before).where('outcome', '!=', 'held').executeTakeFirst()
  return Number(result.numDeletedRows)
}
