import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { createApiError } from '~server/utils/http/errors'
import { readOrderId } from '~server/utils/http/route-params'
import { listRefunds } from '~server/utils/orders/read-refunds'

export default defineHandler(async (event) => {
  const { storeId, db } = await requirePermission(event, 'orders:read')
  const refunds = await listRefunds(db, storeId, readOrderId(event))
  if (!refunds)
    throw createApiError('order_not_found')
  return { refunds }
})
