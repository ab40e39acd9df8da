import { defineHandler } from 'nitro'
import { requireStoreForWrite } from '~server/utils/auth/require-store'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readOrderId } from '~server/utils/http/route-params'
import { addPayment } from '~server/utils/orders/add-payment'
import { CreatePaymentSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { storeId, db } = await requireStoreForWrite(event)
  const orderId = readOrderId(event)
  const { amountCents, method } = await readJsonBody(event, CreatePaymentSchema)
  const result = await addPayment(db, storeId, orderId, amountCents, method)
  event.res.status = 201
  return result
})
