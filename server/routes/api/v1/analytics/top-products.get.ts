import { defineHandler } from 'nitro'
import { getTopProducts } from '~server/utils/analytics/top-products'
import { requireAnalyticsPermission } from '~server/utils/auth/access/require-permission'
import { resolveAccess } from '~server/utils/auth/access/resolve-access'
import { readQuery } from '~server/utils/http/validate'
import { currentTime } from '~server/utils/time/clock'
import { ReportTopProductsQuerySchema } from '~shared/schemas/analytics'

export default defineHandler(async (event) => {
  await resolveAccess(event)
  const { limit, ...query } = readQuery(event, ReportTopProductsQuerySchema)
  const { store, db, dialect } = await requireAnalyticsPermission(event, query.range)
  return getTopProducts(db, dialect, store, query, limit, currentTime())
})
