import { defineHandler } from 'nitro'
import { requireStatusPermission } from '~server/utils/auth/access/require-permission'
import { resolveAccess } from '~server/utils/auth/access/resolve-access'
import { readJsonBody } from '~server/utils/http/read-json-body'
import { readOrderId } from '~server/utils/http/route-params'
import { updateOrderStatus } from '~server/utils/orders/update-order-status'
import { UpdateOrderSchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  await resolveAccess(event)
  const orderId = readOrderId(event)
  const { status } = await readJsonBody(event, UpdateOrderSchema)
  const { storeId, db, actor } = await requireStatusPermission(event, status)
  return updateOrderStatus(db, storeId, orderId, status, actor)
})
