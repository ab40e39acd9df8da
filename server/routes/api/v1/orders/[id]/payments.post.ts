import { defineHandler } from 'nitro'
import { requireSession } from '~server/utils/auth/require-session'
import { useDb } from '~server/utils/db/connection'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readOrderId } from '~server/utils/http/route-params'
import { addPayment } from '~server/utils/orders/add-payment'
import { CreatePaymentSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  // Writes lock the store's row anyway (a store that is gone answers 401 there): no read of it here.
  const { storeId } = await requireSession(event)
  const db = await useDb()
  const orderId = readOrderId(event)
  const { amountCents, method } = await readJsonBody(event, CreatePaymentSchema)
  const result = await addPayment(db, storeId, orderId, amountCents, method)
  event.res.status = 201
  return result
})
