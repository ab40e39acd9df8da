import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readOrderId } from '~server/utils/http/route-params'
import { addPayment } from '~server/utils/orders/add-payment'
import { CreatePaymentSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { storeId, db, actor } = await requirePermission(event, 'orders:pay')
  const orderId = readOrderId(event)
  const { amountCents, method } = await readJsonBody(event, CreatePaymentSchema)
  const result = await addPayment(db, storeId, orderId, amountCents, method, actor)
  event.res.status = 201
  return result
})
