import type { Comparison, ReportRange } from '~shared/types/api'
import type { RangeBounds, StoreDays } from '../time/local-time'
import { createApiError } from '../http/errors'
import { addDaysToDate, businessDateOf, datesBounds, daysBetween, instantOfWallClock, rangeDates, wallClockOf, yearBefore } from '../time/local-time'

export const MAX_CUSTOM_DAYS = 366

export interface ReportQuery { range: ReportRange, from?: string, to?: string, compare?: Comparison }

export interface ComparisonWindow {
  compare: Comparison
  dates: { from: string, to: string }
  bounds: RangeBounds
  /**
   * Where the comparison's figures stop when the current range reaches now: the same local time on the
   * comparison's last day (so "today" meets yesterday up to this minute). Equal to `bounds.to` otherwise.
   */
  cut: string
}

export interface ReportWindow {
  range: ReportRange
  dates: { from: string, to: string }
  bounds: RangeBounds
  comparison?: ComparisonWindow
}

function invalidRange(message: string): Error {
  return createApiError('invalid_range', message)
}

function resolveDates(query: ReportQuery, days: StoreDays, now: Date): { from: string, to: string } {
  if (query.range !== 'custom') {
    if (query.from || query.to)
      throw invalidRange('from and to go with range=custom.')
    return rangeDates(query.range, days, now)
  }
  if (!query.from || !query.to)
    throw invalidRange('range=custom needs from and to (YYYY-MM-DD, store-local business days, inclusive).')
  if (query.from > query.to)
    throw invalidRange('from must not be after to.')
  const today = businessDateOf(now.getTime(), days)
  if (query.to > today)
    throw invalidRange(`to must not be after today (${today} in the store's time).`)
  if (daysBetween(query.from, query.to) + 1 > MAX_CUSTOM_DAYS)
    throw invalidRange(`A custom range covers at most ${MAX_CUSTOM_DAYS} days.`)
  return { from: query.from, to: query.to }
}

function comparisonDates(compare: Comparison, dates: { from: string, to: string }): { from: string, to: string } {
  if (compare === 'last_year')
    return { from: yearBefore(dates.from), to: yearBefore(dates.to) }
  const length = daysBetween(dates.from, dates.to) + 1
  return { from: addDaysToDate(dates.from, -length), to: addDaysToDate(dates.to, -length) }
}

/** The business days a request asks for, as instants, and those of its comparison. 400 `invalid_range` when they cannot be. */
export function resolveReportWindow(query: ReportQuery, days: StoreDays, now: Date): ReportWindow {
  const dates = resolveDates(query, days, now)
  const bounds = datesBounds(dates.from, dates.to, days)
  if (!query.compare)
    return { range: query.range, dates, bounds }
  const previous = comparisonDates(query.compare, dates)
  const previousBounds = datesBounds(previous.from, previous.to, days)
  let cut = previousBounds.to
  if (now.getTime() < Date.parse(bounds.to)) {
    // The current range ends with today, which is not over: stop the comparison at the same wall time.
    const wall = wallClockOf(now.getTime(), days.timeZone)
    const wallDate = addDaysToDate(previous.to, daysBetween(dates.to, wall.date))
    const instant = instantOfWallClock(wallDate, wall.msOfDay, days.timeZone)
    cut = new Date(Math.min(Math.max(instant, Date.parse(previousBounds.from)), Date.parse(previousBounds.to))).toISOString()
  }
  return { range: query.range, dates, bounds, comparison: { compare: query.compare, dates: previous, bounds: previousBounds, cut } }
}
