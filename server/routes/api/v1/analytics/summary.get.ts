import { defineHandler } from 'nitro'
import { getSummary } from '~server/utils/analytics/summary'
import { requireAnalyticsPermission } from '~server/utils/auth/access/require-permission'
import { resolveAccess } from '~server/utils/auth/access/resolve-access'
import { readQuery } from '~server/utils/http/validate'
import { currentTime } from '~server/utils/time/clock'
import { ReportSummaryQuerySchema } from '~shared/schemas/analytics'

export default defineHandler(async (event) => {
  await resolveAccess(event)
  const query = readQuery(event, ReportSummaryQuerySchema)
  const { store, db } = await requireAnalyticsPermission(event, query.range)
  return getSummary(db, store, query, currentTime())
})
