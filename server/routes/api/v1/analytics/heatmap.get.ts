import { defineHandler } from 'nitro'
import { currentTime } from '~server/utils/analytics/clock'
import { getHeatmap } from '~server/utils/analytics/heatmap'
import { requireStore } from '~server/utils/auth/require-store'
import { readQuery } from '~server/utils/http/validate'
import { HeatmapQuerySchema } from '~shared/schemas/analytics'

export default defineHandler(async (event) => {
  const { store, db } = await requireStore(event)
  const query = readQuery(event, HeatmapQuerySchema)
  return getHeatmap(db, store, query, currentTime())
})
