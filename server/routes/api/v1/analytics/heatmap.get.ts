import { defineHandler } from 'nitro'
import { getHeatmap } from '~server/utils/analytics/heatmap'
import { requireAnalyticsPermission } from '~server/utils/auth/access/require-permission'
import { resolveAccess } from '~server/utils/auth/access/resolve-access'
import { readQuery } from '~server/utils/http/validate'
import { currentTime } from '~server/utils/time/clock'
import { HeatmapQuerySchema } from '~shared/schemas/analytics'

export default defineHandler(async (event) => {
  await resolveAccess(event)
  const query = readQuery(event, HeatmapQuerySchema)
  const { store, db } = await requireAnalyticsPermission(event, query.range)
  return getHeatmap(db, store, query, currentTime())
})
