import { defineHandler } from 'nitro'
import { getByActor } from '~server/utils/analytics/by-actor'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { readQuery } from '~server/utils/http/validate'
import { currentTime } from '~server/utils/time/clock'
import { ByActorQuerySchema } from '~shared/schemas/analytics'

// Figures per person need `analytics:read` for every range, today included: the store setting that shows
// staff today's totals does not show them each colleague's.
export default defineHandler(async (event) => {
  const { store, db } = await requirePermission(event, 'analytics:read')
  const query = readQuery(event, ByActorQuerySchema)
  return getByActor(db, store, query, currentTime())
})
