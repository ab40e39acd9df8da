import type { Trx } from '../db/connection'
import type { LockedStore } from './types'
import { RollupDeltas } from '../analytics/rollup-deltas'
import { createApiError } from '../http/errors'

/**
 * Locks the store's row (`UPDATE … RETURNING`), so that concurrent writers to the same store, in this
 * process or another instance, take seqs one after another; writers to other stores do not wait.
 */
export async function lockStore(trx: Trx, storeId: string): Promise<LockedStore> {
  const row = await trx.updateTable('stores')
    .set(eb => ({ last_seq: eb.ref('last_seq') }))
    .where('id', '=', storeId)
    .returningAll()
    .executeTakeFirst()
  if (!row)
    throw createApiError('unauthorized', 'The store of this session no longer exists.')
  return { row, lastSeq: Number(row.last_seq), nextNumber: Number(row.next_order_number), rollups: new RollupDeltas(storeId, row.time_zone), events: [] }
}
