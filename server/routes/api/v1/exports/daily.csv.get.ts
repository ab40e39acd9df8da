import { defineHandler } from 'nitro'
import { resolveReportWindow } from '~server/utils/analytics/report-window'
import { storeDaysOf } from '~server/utils/analytics/store-days'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { csvResponse } from '~server/utils/exports/csv-response'
import { DAILY_CSV_HEADER, dailyRows } from '~server/utils/exports/daily-csv'
import { readQuery } from '~server/utils/http/validate'
import { currentTime } from '~server/utils/time/clock'
import { ExportQuerySchema } from '~shared/schemas/analytics'

export default defineHandler(async (event) => {
  const { store, db } = await requirePermission(event, 'exports:read')
  const window = resolveReportWindow(readQuery(event, ExportQuerySchema), storeDaysOf(store), currentTime())
  return csvResponse(`daily-${window.dates.from}-to-${window.dates.to}.csv`, DAILY_CSV_HEADER, dailyRows(db, store, window))
})
