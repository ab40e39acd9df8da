import type { RangeBounds } from '../time/local-time'
import { addDaysToDate, dayStartOf, localDateOf, remember } from '../time/local-time'

/**
 * A span of rollup buckets [from, to) cut where rollups_daily can take over: the store-local calendar
 * dates wholly inside it (`days`, read a row a date) and the hours of the partial dates at its two ends
 * (`head`, `tail`, read from rollups_hourly; either may be empty). A date's buckets are the local hours
 * from its first instant to the next date's, so the three parts hold exactly the buckets of [from, to),
 * whatever the business day's start or the zone's offset.
 */
export interface SplitSpan { head: RangeBounds, days: { from: string, to: string }, tail: RangeBounds }

const splitCache = new Map<string, SplitSpan>()

export function splitSpan(span: RangeBounds, timeZone: string): SplitSpan {
  const { from, to } = span
  return remember(splitCache, `${timeZone}|${from}|${to}`, () => {
    // The first instant of a local date (after the gap where a DST change skips midnight).
    const dateStart = (date: string) => dayStartOf(date, { timeZone, dayStartMinutes: 0 })
    const firstDate = localDateOf(from, timeZone)
    const firstWhole = dateStart(firstDate) === Date.parse(from) ? firstDate : addDaysToDate(firstDate, 1)
    const lastDate = localDateOf(to, timeZone)
    if (from >= to || firstWhole >= lastDate)
      return { head: span, days: { from: firstWhole, to: firstWhole }, tail: { from: to, to } }
    return {
      head: { from, to: new Date(dateStart(firstWhole)).toISOString() },
      days: { from: firstWhole, to: lastDate },
      tail: { from: new Date(dateStart(lastDate)).toISOString(), to },
    }
  })
}
