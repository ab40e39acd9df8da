import { defineHandler } from 'nitro'
import { requireStore } from '~server/utils/auth/require-store'
import { createApiError } from '~server/utils/http/errors'
import { readOrderId } from '~server/utils/http/route-params'
import { findOrder } from '~server/utils/orders/read-orders'

export default defineHandler(async (event) => {
  const { store, db } = await requireStore(event)
  const order = await findOrder(db, store.id, readOrderId(event))
  if (!order)
    throw createApiError(404, 'order_not_found', 'No such order.')
  return order
})
