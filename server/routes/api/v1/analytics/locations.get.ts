import { defineHandler } from 'nitro'
import { getLocations } from '~server/utils/analytics/locations'
import { resolveAccess } from '~server/utils/auth/access/resolve-access'
import { readQuery } from '~server/utils/http/validate'
import { currentTime } from '~server/utils/time/clock'
import { ReportSummaryQuerySchema } from '~shared/schemas/analytics'

// Which stores appear is decided per store by the role there, so the check is in getLocations.
export default defineHandler(async (event) => {
  const access = await resolveAccess(event)
  const query = readQuery(event, ReportSummaryQuerySchema)
  return getLocations(access, query, currentTime())
})
