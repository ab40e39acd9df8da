import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { readQuery } from '~server/utils/http/validate'
import { listOrders } from '~server/utils/orders/read-orders'
import { parseOrderSearch } from '~shared/order-search'
import { ListOrdersQuerySchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { storeId, db } = await requirePermission(event, 'orders:read')
  const { q, ...query } = readQuery(event, ListOrdersQuerySchema)
  return listOrders(db, storeId, { ...query, search: parseOrderSearch(q) })
})
