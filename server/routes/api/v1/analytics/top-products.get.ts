import { defineHandler } from 'nitro'
import { currentTime } from '~server/utils/analytics/clock'
import { getTopProducts } from '~server/utils/analytics/top-products'
import { requireStore } from '~server/utils/auth/require-store'
import { readQuery } from '~server/utils/http/validate'
import { ReportTopProductsQuerySchema } from '~shared/schemas/analytics'

export default defineHandler(async (event) => {
  const { store, db, dialect } = await requireStore(event)
  const { limit, ...query } = readQuery(event, ReportTopProductsQuerySchema)
  return getTopProducts(db, dialect, store, query, limit, currentTime())
})
