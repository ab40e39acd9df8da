import { defineHandler } from 'nitro'
import { currentTime } from '~server/utils/analytics/clock'
import { getTimeseries } from '~server/utils/analytics/timeseries'
import { requireStore } from '~server/utils/auth/require-store'
import { readQuery } from '~server/utils/http/validate'
import { ReportTimeseriesQuerySchema } from '~shared/schemas/analytics'

export default defineHandler(async (event) => {
  const { store, db } = await requireStore(event)
  const query = readQuery(event, ReportTimeseriesQuerySchema)
  return getTimeseries(db, store, query, currentTime())
})
