import type { Heatmap, HeatmapCell } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { StoresTable } from '../db/schema'
import type { StoreDays } from '../time/local-time'
import type { ReportQuery } from './report-window'
import { businessDateOf, wallClockOf } from '../time/local-time'
import { readHoursWithLastSeq } from './read-hours'
import { resolveReportWindow } from './report-window'
import { storeDaysOf } from './store-days'

// A bucket's cell depends only on the zone and the day start: remembered, as zone arithmetic is the
// expensive part (90 days are 2,160 buckets).
const cellCache = new Map<string, number>()
const CELL_CACHE_SIZE = 200_000

/** Index of the cell (weekday of the business day × local clock hour) a bucket falls in. */
function cellIndexOf(bucket: string, days: StoreDays): number {
  const key = `${days.timeZone}|${days.dayStartMinutes}|${bucket}`
  let index = cellCache.get(key)
  if (index === undefined) {
    if (cellCache.size >= CELL_CACHE_SIZE)
      cellCache.clear()
    const instant = Date.parse(bucket)
    const hour = Math.floor(wallClockOf(instant, days.timeZone).msOfDay / 3_600_000)
    const weekday = (new Date(`${businessDateOf(instant, days)}T00:00:00Z`).getUTCDay() + 6) % 7
    index = weekday * 24 + hour
    cellCache.set(key, index)
  }
  return index
}

/**
 * Orders and revenue by weekday (0 = Monday, of the business day) and local clock hour, every cell
 * present. It sums the same buckets as the summary of the range, so the order counts add up to its
 * `orderCount`.
 */
export async function getHeatmap(db: Db, store: StoresTable, query: ReportQuery, now = new Date()): Promise<Heatmap> {
  const days = storeDaysOf(store)
  const window = resolveReportWindow(query, days, now)
  const { bounds } = window
  const { rows, lastSeq } = await readHoursWithLastSeq(db, store.id, bounds)
  const cells: HeatmapCell[] = Array.from({ length: 7 * 24 }, (_, index) => ({ weekday: Math.floor(index / 24), hour: index % 24, orderCount: 0, revenueCents: 0 }))
  for (const row of rows) {
    if (row.bucket === null)
      continue
    const cell = cells[cellIndexOf(row.bucket, days)]
    cell.orderCount += Number(row.order_count)
    cell.revenueCents += Number(row.revenue_cents) - Number(row.refunded_cents)
  }
  return { range: window.range, from: bounds.from, to: bounds.to, cells, lastSeq }
}
