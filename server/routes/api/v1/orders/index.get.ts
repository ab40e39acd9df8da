import { defineHandler } from 'nitro'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { readQuery } from '~server/utils/http/validate'
import { listOrders } from '~server/utils/orders/read-orders'
import { parseOrderSearch } from '~shared/order-search'
import { ListOrdersQuerySchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { storeId, db } = await requirePermission(event, 'orders:read')
  const { q, ...query } = readQuery(event, ListOrdersQuerySchema)
  // An amount searched for is read in the store's currency (`1200` is ¥1,200 but $12.00).
  const store = q ? await db.selectFrom('stores').select('currency').where('id', '=', storeId).executeTakeFirst() : undefined
  return listOrders(db, storeId, { ...query, search: parseOrderSearch(q, store?.currency) })
})
