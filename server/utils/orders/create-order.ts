import type { InferOutput } from 'valibot'
import type { CreateOrderSchema } from '~shared/schemas/api'
import type { Actor, Order } from '~shared/types/api'
import type { Db } from '../db/connection'
import { createHash } from 'node:crypto'
import { orderSearchText } from '~shared/order-search'
import { newId } from '../db/new-id'
import { createApiError } from '../http/errors'
import { runStoreWrite } from '../store-writes/run-store-write'
import { findOrder } from './read-orders'
import { toOrder, toStreamItems, toStreamOrder } from './serialize'

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
  return runStoreWrite(db, storeId, async ({ trx, store, now, rollups, takeOrderNumber, emit }) => {
    if (idempotencyKey) {
      const previous = await trx.selectFrom('idempotency_keys').selectAll().where('store_id', '=', storeId).where('key', '=', idempotencyKey).executeTakeFirst()
      if (previous) {
        if (previous.request_hash !== requestHash)
          throw createApiError(409, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different body.')
        return { order: (await findOrder(trx, storeId, previous.order_id))!, created: false }
      }
    }
    const items = input.items.map((item, position) => ({
      order_id: '',
      position,
      store_id: storeId,
      name: item.name,
      sku: item.sku ?? null,
      quantity: item.quantity,
      unit_price_cents: item.unitPriceCents,
      line_total_cents: item.quantity * item.unitPriceCents,
    }))
    const row = {
      id: newId(),
      store_id: storeId,
      number: takeOrderNumber(),
      status: 'pending',
      currency: store.currency,
      total_cents: items.reduce((sum, item) => sum + item.line_total_cents, 0),
      paid_cents: 0,
      refunded_cents: 0,
      customer_name: input.customerName || null,
      note: input.note || null,
      bucket: rollups.bucketOf(now),
      created_at: now,
      updated_at: now,
      refunded_at: null,
      created_by: JSON.stringify(actor),
      search_text: orderSearchText(input.customerName, items.map(item => item.name)),
    }
    for (const item of items) item.order_id = row.id
    await trx.insertInto('orders').values(row).execute()
    await trx.insertInto('order_items').values(items).execute()
    if (idempotencyKey)
      await trx.insertInto('idempotency_keys').values({ store_id: storeId, key: idempotencyKey, request_hash: requestHash, order_id: row.id, created_at: now }).execute()

    rollups.add(row.bucket, 'order_count', 1)
    rollups.add(row.bucket, 'order_total_cents', row.total_cents)
    rollups.moveStatus(row.bucket, null, 'pending')
    for (const item of items) rollups.addProduct(row.bucket, item.name, item.quantity, item.line_total_cents)
    emit({ type: 'order_created', order: toStreamOrder(row), ...toStreamItems(items), actor })
    return { order: toOrder(row, items), created: true }
  })
}
