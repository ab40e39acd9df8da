import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { createApiError } from '~server/utils/http/errors'
import { readOrderId } from '~server/utils/http/route-params'
import { listRefunds } from '~server/utils/orders/read-refunds'

export default defineHandler(async (event) => {
  const { storeId, db } = await requirePermission(event, 'orders:read')
  const refunds = await listRefunds(db, storeId, readOrderId(event))
  if (!refunds)
    throw createApiError(404, 'order_not_found', 'No such order.')
  return { refunds }
})
