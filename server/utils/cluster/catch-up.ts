import { chunks } from '../db/chunks'
import { useDb } from '../db/connection'
import { listChannelStores, notifyCommitted } from '../events/hub'

/**
 * Reads the newest committed seq of each store (every store this instance streams by default) and lets
 * the hub deliver what its streams lack from the log: how wake-ups that may have been lost are made good.
 */
export async function catchUpStores(storeIds: string[] = listChannelStores()): Promise<void> {
  if (storeIds.length === 0)
    return
  try {
    const db = await useDb()
    for (const ids of chunks(storeIds)) {
      const rows = await db.selectFrom('stores').select(['id', 'last_seq']).where('id', 'in', ids).execute()
      for (const row of rows) notifyCommitted(row.id, Number(row.last_seq))
    }
  }
  catch (error) {
    console.error('[cluster] catch-up failed:', (error as Error).message)
  }
}
