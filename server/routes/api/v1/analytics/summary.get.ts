import { defineHandler } from 'nitro'
import { currentTime } from '~server/utils/analytics/clock'
import { getSummary } from '~server/utils/analytics/summary'
import { requireStore } from '~server/utils/auth/require-store'
import { readQuery } from '~server/utils/http/validate'
import { ReportSummaryQuerySchema } from '~shared/schemas/analytics'

export default defineHandler(async (event) => {
  const { store, db } = await requireStore(event)
  const query = readQuery(event, ReportSummaryQuerySchema)
  return getSummary(db, store, query, currentTime())
})
