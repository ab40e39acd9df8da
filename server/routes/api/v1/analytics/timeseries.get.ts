import { defineHandler } from 'nitro'
import { getTimeseries } from '~server/utils/analytics/timeseries'
import { requireAnalyticsPermission } from '~server/utils/auth/access/require-permission'
import { resolveAccess } from '~server/utils/auth/access/resolve-access'
import { readQuery } from '~server/utils/http/validate'
import { currentTime } from '~server/utils/time/clock'
import { ReportTimeseriesQuerySchema } from '~shared/schemas/analytics'

export default defineHandler(async (event) => {
  await resolveAccess(event)
  const query = readQuery(event, ReportTimeseriesQuerySchema)
  const { store, db } = await requireAnalyticsPermission(event, query.range)
  return getTimeseries(db, store, query, currentTime())
})
