import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { createApiError } from '~server/utils/http/errors'
import { readOrderId } from '~server/utils/http/route-params'
import { listPayments } from '~server/utils/orders/read-payments'

export default defineHandler(async (event) => {
  const { storeId, db } = await requirePermission(event, 'orders:read')
  const payments = await listPayments(db, storeId, readOrderId(event))
  if (!payments)
    throw createApiError('order_not_found')
  return { payments }
})
