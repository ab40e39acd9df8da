import { defineHandler } from 'nitro'
import { requireSession } from '~server/utils/auth/require-session'
import { useDb } from '~server/utils/db/connection'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readIdempotencyKey } from '~server/utils/http/route-params'
import { createOrder } from '~server/utils/orders/create-order'
import { CreateOrderSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  // Writes lock the store's row anyway (a store that is gone answers 401 there): no read of it here.
  const { storeId } = await requireSession(event)
  const db = await useDb()
  const idempotencyKey = readIdempotencyKey(event)
  const input = await readJsonBody(event, CreateOrderSchema)
  const { order, created } = await createOrder(db, storeId, input, idempotencyKey)
  event.res.status = created ? 201 : 200
  return order
})
