import { defineHandler } from 'nitro'
import { getSummary } from '~server/utils/analytics/summary'
import { requireStore } from '~server/utils/auth/require-store'
import { readQuery } from '~server/utils/http/validate'
import { SummaryQuerySchema } from '~shared/schemas/api'

export default defineHandler(async (event) => {
  const { store, db } = await requireStore(event)
  const { range } = readQuery(event, SummaryQuerySchema)
  return getSummary(db, store, range)
})
