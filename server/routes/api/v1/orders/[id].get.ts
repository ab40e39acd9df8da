import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { createApiError } from '~server/utils/http/errors'
import { readOrderId } from '~server/utils/http/route-params'
import { findOrder } from '~server/utils/orders/read-orders'

export default defineHandler(async (event) => {
  const { storeId, db } = await requirePermission(event, 'orders:read')
  const order = await findOrder(db, storeId, readOrderId(event))
  if (!order)
    throw createApiError('order_not_found')
  return order
})
