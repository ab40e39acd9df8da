import { defineHandler } from 'nitro'
import { requireSession } from '~server/utils/auth/require-session'
import { useDb } from '~server/utils/db/connection'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readOrderId } from '~server/utils/http/route-params'
import { updateOrderStatus } from '~server/utils/orders/update-order-status'
import { UpdateOrderSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  // Writes lock the store's row anyway (a store that is gone answers 401 there): no read of it here.
  const { storeId } = await requireSession(event)
  const db = await useDb()
  const orderId = readOrderId(event)
  const { status } = await readJsonBody(event, UpdateOrderSchema)
  return updateOrderStatus(db, storeId, orderId, status)
})
