import type { ReportWindow } from '../analytics/report-window'
import type { Db } from '../db/connection'
import type { StoresTable } from '../db/schema'
import { readHours } from '../analytics/read-hours'
import { storeDaysOf } from '../analytics/store-days'
import { addDaysToDate, bucketStarts } from '../time/local-time'
import { formatAmount } from './format-amount'

export const DAILY_CSV_HEADER = ['date', 'orders', 'gross_sales', 'collected', 'refunds', 'revenue', 'average_order']

/**
 * One row per business day of the range from the hourly rollups (at most 366 days × 24 hours): the
 * same figures as the summary of that day, every day present.
 */
export async function* dailyRows(db: Db, store: StoresTable, window: ReportWindow): AsyncGenerator<Array<string | number>> {
  const days = storeDaysOf(store)
  const starts = bucketStarts(window.bounds, 'day', days.timeZone, days.dayStartMinutes)
  const rows = await readHours(db, store.id, window.bounds)
  const totals = starts.map(() => ({ orders: 0, gross: 0, collected: 0, refunds: 0 }))
  let index = 0
  for (const row of rows) {
    while (index + 1 < starts.length && starts[index + 1] <= row.bucket!) index++
    totals[index].orders += Number(row.order_count)
    totals[index].gross += Number(row.order_total_cents)
    totals[index].collected += Number(row.revenue_cents)
    totals[index].refunds += Number(row.refunded_cents)
  }
  const money = (cents: number) => formatAmount(cents, store.currency)
  for (const [offset, day] of totals.entries()) {
    yield [
      addDaysToDate(window.dates.from, offset),
      day.orders,
      money(day.gross),
      money(day.collected),
      money(day.refunds),
      money(day.collected - day.refunds),
      money(day.orders > 0 ? Math.round(day.gross / day.orders) : 0),
    ]
  }
}
