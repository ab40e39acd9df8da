import { defineHandler } from 'nitro'
import { getTopProducts } from '~server/utils/analytics/top-products'
import { requireStore } from '~server/utils/auth/require-store'
import { readQuery } from '~server/utils/http/validate'
import { TopProductsQuerySchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { store, db, dialect } = await requireStore(event)
  const { range, limit } = readQuery(event, TopProductsQuerySchema)
  return getTopProducts(db, dialect, store, range, limit)
})
