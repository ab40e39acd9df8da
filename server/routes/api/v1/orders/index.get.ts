import { defineHandler } from 'nitro'
import { requireStore } from '~server/utils/auth/require-store'
import { readQuery } from '~server/utils/http/validate'
import { listOrders } from '~server/utils/orders/read-orders'
import { ListOrdersQuerySchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { store, db } = await requireStore(event)
  const query = readQuery(event, ListOrdersQuerySchema)
  return listOrders(db, store.id, query)
})
