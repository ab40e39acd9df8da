import type { Bucket, Timeseries, TimeseriesPoint } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { StoresTable } from '../db/schema'
import type { HourRow } from './read-hours'
import type { ReportQuery } from './report-window'
import { bucketStarts } from '../time/local-time'
import { readHours, readHoursWithLastSeq } from './read-hours'
import { resolveReportWindow } from './report-window'
import { storeDaysOf } from './store-days'

/** Adds sorted hour rows into their buckets (every bucket present). */
function toPoints(starts: readonly string[], rows: HourRow[]): TimeseriesPoint[] {
  const points = starts.map(t => ({ t, revenueCents: 0, orderCount: 0 }))
  let index = 0
  for (const row of rows) {
    if (row.bucket === null || row.bucket < starts[0])
      continue
    // Rows and starts are both sorted: advance to the last start at or before the row's hour.
    while (index + 1 < starts.length && starts[index + 1] <= row.bucket) index++
    points[index].revenueCents += Number(row.revenue_cents) - Number(row.refunded_cents)
    points[index].orderCount += Number(row.order_count)
  }
  return points
}

/**
 * Revenue (payments less refunds) and orders per hour or business day, every bucket present; the hours
 * and `lastSeq` come from one snapshot.
 * The comparison covers its whole period (the chart shows where yesterday went next), point for point.
 */
export async function getTimeseries(db: Db, store: StoresTable, query: ReportQuery & { bucket?: Bucket }, now = new Date()): Promise<Timeseries> {
  const days = storeDaysOf(store)
  const window = resolveReportWindow(query, days, now)
  const size: Bucket = query.bucket ?? (window.dates.from === window.dates.to ? 'hour' : 'day')
  const { bounds } = window
  const starts = bucketStarts(bounds, size, days.timeZone, days.dayStartMinutes)
  const { rows, lastSeq } = await readHoursWithLastSeq(db, store.id, bounds)
  const series: Timeseries = { range: window.range, bucket: size, from: bounds.from, to: bounds.to, points: toPoints(starts, rows), lastSeq }
  if (window.comparison) {
    const previous = window.comparison.bounds
    const previousStarts = bucketStarts(previous, size, days.timeZone, days.dayStartMinutes)
    const points = toPoints(previousStarts, await readHours(db, store.id, previous))
    series.comparison = { compare: window.comparison.compare, from: previous.from, to: previous.to, points: starts.map((_, index) => points[index] ?? null) }
  }
  return series
}
