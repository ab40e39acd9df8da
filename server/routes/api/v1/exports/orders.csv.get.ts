import { defineHandler } from 'nitro'
import { resolveReportWindow } from '~server/utils/analytics/report-window'
import { storeDaysOf } from '~server/utils/analytics/store-days'
import { requirePermission } from '~server/utils/auth/access/require-permission'
import { csvResponse } from '~server/utils/exports/csv-response'
import { claimExportSlot } from '~server/utils/exports/export-slots'
import { orderRows, ORDERS_CSV_HEADER } from '~server/utils/exports/orders-csv'
import { readQuery } from '~server/utils/http/validate'
import { currentTime } from '~server/utils/time/clock'
import { ExportQuerySchema } from '~shared/schemas/analytics'

export default defineHandler(async (event) => {
  const { store, db } = await requirePermission(event, 'exports:read')
  const window = resolveReportWindow(readQuery(event, ExportQuerySchema), storeDaysOf(store), currentTime())
  const release = claimExportSlot(store.id)
  return csvResponse(`orders-${window.dates.from}-to-${window.dates.to}.csv`, ORDERS_CSV_HEADER, orderRows(db, store, window.bounds), {
    onClose: release,
    connection: event.runtime?.node?.req?.socket,
  })
})
