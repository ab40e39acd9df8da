import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readOrderId } from '~server/utils/http/route-params'
import { refundOrder } from '~server/utils/orders/refund-order'
import { CreateRefundSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { storeId, db, actor } = await requirePermission(event, 'orders:refund')
  const orderId = readOrderId(event)
  const { amountCents, reason } = await readJsonBody(event, CreateRefundSchema)
  const result = await refundOrder(db, storeId, orderId, amountCents, reason || null, actor)
  event.res.status = 201
  return result
})
