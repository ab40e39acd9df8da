import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readIdempotencyKey } from '~server/utils/http/route-params'
import { createOrder } from '~server/utils/orders/create-order'
import { CreateOrderSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { storeId, db, actor } = await requirePermission(event, 'orders:create')
  const idempotencyKey = readIdempotencyKey(event)
  const input = await readJsonBody(event, CreateOrderSchema)
  const { order, created } = await createOrder(db, storeId, input, actor, idempotencyKey)
  event.res.status = created ? 201 : 200
  return order
})
