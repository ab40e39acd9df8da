import { defineHandler } from 'nitro'
import { requireStore } from '~server/utils/auth/require-store'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readIdempotencyKey } from '~server/utils/http/route-params'
import { createOrder } from '~server/utils/orders/create-order'
import { CreateOrderSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { store, db } = await requireStore(event)
  const idempotencyKey = readIdempotencyKey(event)
  const input = await readJsonBody(event, CreateOrderSchema)
  const { order, created } = await createOrder(db, store.id, input, idempotencyKey)
  event.res.status = created ? 201 : 200
  return order
})
