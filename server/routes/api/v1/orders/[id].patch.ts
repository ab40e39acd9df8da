import { defineHandler } from 'nitro'
import { requireStoreForWrite } from '~server/utils/auth/require-store'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readOrderId } from '~server/utils/http/route-params'
import { updateOrderStatus } from '~server/utils/orders/update-order-status'
import { UpdateOrderSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { storeId, db } = await requireStoreForWrite(event)
  const orderId = readOrderId(event)
  const { status } = await readJsonBody(event, UpdateOrderSchema)
  return updateOrderStatus(db, storeId, orderId, status)
})
