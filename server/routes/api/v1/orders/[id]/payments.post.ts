import { defineHandler } from 'nitro'
import { requireStore } from '~server/utils/auth/require-store'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readOrderId } from '~server/utils/http/route-params'
import { addPayment } from '~server/utils/orders/add-payment'
import { CreatePaymentSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { store, db } = await requireStore(event)
  const orderId = readOrderId(event)
  const { amountCents, method } = await readJsonBody(event, CreatePaymentSchema)
  const result = await addPayment(db, store.id, orderId, amountCents, method)
  event.res.status = 201
  return result
})
