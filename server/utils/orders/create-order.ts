import type { InferOutput } from 'valibot'
import type { CreateOrderSchema } from '~shared/schemas/api'
import type { Actor, Order } from '~shared/types/api'
import type { Db } from '../db/connection'
import { createHash } from 'node:crypto'
import { createApiError } from '../http/errors'
import { runStoreWrite } from '../store-writes/run-store-write'
import { insertOrder } from './insert-order'
import { findOrder } from './read-orders'
import { toOrder } from './serialize'

export type CreateOrderInput = InferOutput<typeof CreateOrderSchema>

function hashRequest(input: CreateOrderInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex')
}

/**
 * Creates an order. With an idempotency key, the key and the order commit together: a replay with the
 * same body returns the first order (`created: false`), a different body is a 409.
 */
export async function createOrder(db: Db, storeId: string, input: CreateOrderInput, actor: Actor, idempotencyKey?: string): Promise<{ order: Order, created: boolean }> {
  const requestHash = idempotencyKey ? hashRequest(input) : ''
  return runStoreWrite(db, storeId, async (w) => {
    if (idempotencyKey) {
      const previous = await w.trx.selectFrom('idempotency_keys').selectAll().where('store_id', '=', storeId).where('key', '=', idempotencyKey).executeTakeFirst()
      if (previous) {
        if (previous.request_hash !== requestHash)
          throw createApiError('idempotency_key_reused')
        return { order: (await findOrder(w.trx, storeId, previous.order_id))!, created: false }
      }
    }
    const { row, items } = await insertOrder(w, { items: input.items, customerName: input.customerName || null, note: input.note || null, paidWith: input.paidWith }, actor)
    if (idempotencyKey)
      await w.trx.insertInto('idempotency_keys').values({ store_id: storeId, key: idempotencyKey, request_hash: requestHash, order_id: row.id, created_at: w.now }).execute()
    return { order: toOrder(row, items), created: true }
  })
}
