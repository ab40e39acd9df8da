import { defineHandler } from 'nitro'
import { requireStore } from '~server/utils/auth/require-store'
import { createApiError } from '~server/utils/http/errors'
import { readOrderId } from '~server/utils/http/route-params'
import { listPayments } from '~server/utils/orders/read-payments'

export default defineHandler(async (event) => {
  const { store, db } = await requireStore(event)
  const payments = await listPayments(db, store.id, readOrderId(event))
  if (!payments)
    throw createApiError(404, 'order_not_found', 'No such order.')
  return { payments }
})
