import { defineHandler } from 'nitro'
import { getTimeseries } from '~server/utils/analytics/timeseries'
import { requireStore } from '~server/utils/auth/require-store'
import { readQuery } from '~server/utils/http/validate'
import { TimeseriesQuerySchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { store, db } = await requireStore(event)
  const { range, bucket } = readQuery(event, TimeseriesQuerySchema)
  return getTimeseries(db, store, range, bucket)
})
