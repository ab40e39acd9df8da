import type { AnalyticsRange, Bucket } from '~shared/types/api'
import { TZDate } from '@date-fns/tz'
import { addHours, startOfHour } from 'date-fns'

const QUARTER_HOUR_MS = 15 * 60_000
const DAY_MS = 86_400_000

// Zone arithmetic (Intl under TZDate) costs more than a write's inserts or the rollup query of a short
// range: answers are remembered, per zone and UTC quarter hour for "now". Every UTC offset is a whole
// number of quarter hours, so all instants of one UTC quarter hour share a local hour and a local day.
const bucketCache = new Map<string, string>()
const dayStartCache = new Map<string, number>()
const dateCache = new Map<string, string>()
const startsCache = new Map<string, readonly string[]>()
const localDateCache = new Map<string, string>()
const CACHE_SIZE = 4096

export function remember<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  let value = cache.get(key)
  if (value === undefined) {
    if (cache.size >= CACHE_SIZE)
      cache.clear()
    value = compute()
    cache.set(key, value)
  }
  return value
}

/**
 * The rollup bucket of an instant: the start of the store-local hour that contains it, as a UTC ISO string.
 * For zones with a 30- or 45-minute offset this is not a UTC hour, so local days are always whole buckets.
 */
export function bucketOf(instant: Date | string | number, timeZone: string): string {
  const time = new Date(instant).getTime()
  return remember(bucketCache, `${timeZone}|${Math.floor(time / QUARTER_HOUR_MS)}`, () => new Date(+startOfHour(new TZDate(time, timeZone))).toISOString())
}

/** The store-local calendar date (`YYYY-MM-DD`) of a rollup bucket (the day of `rollups_daily` it counts in) or any instant. */
export function localDateOf(bucket: string, timeZone: string): string {
  return remember(localDateCache, `${timeZone}|${bucket}`, () => wallClockOf(Date.parse(bucket), timeZone).date)
}

/** How a store cuts time into days: its zone, and the local minute its business day starts at. */
export interface StoreDays { timeZone: string, dayStartMinutes: number }

export interface RangeBounds { from: string, to: string }

/** A calendar date `YYYY-MM-DD` moved by whole days. */
export function addDaysToDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** A calendar date a year earlier; 29 February becomes 28 February. */
export function yearBefore(date: string): string {
  const year = String(Number(date.slice(0, 4)) - 1).padStart(4, '0')
  const candidate = `${year}${date.slice(4)}`
  return date.slice(5) === '02-29' ? `${year}-02-28` : candidate
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/**
 * A business day is named by the calendar date holding most of its hours: with a start before noon
 * (04:00) the day of 29 November runs from 29 November 04:00 to 30 November 04:00; with a start at
 * noon or later (16:00) it runs from 28 November 16:00 to 29 November 16:00.
 */
function startShiftMinutes(dayStartMinutes: number): number {
  return dayStartMinutes < 720 ? dayStartMinutes : dayStartMinutes - 1440
}

/** The instant (epoch ms) a business date starts at in the store's time. */
export function dayStartOf(date: string, days: StoreDays): number {
  return remember(dayStartCache, `${days.timeZone}|${days.dayStartMinutes}|${date}`, () => {
    const wallDate = startShiftMinutes(days.dayStartMinutes) < 0 ? addDaysToDate(date, -1) : date
    const [y, m, d] = wallDate.split('-').map(Number)
    return +new TZDate(y, m - 1, d, Math.floor(days.dayStartMinutes / 60), days.dayStartMinutes % 60, 0, 0, days.timeZone)
  })
}

/** The local wall clock of an instant: its calendar date and the time of day in milliseconds. */
export function wallClockOf(instant: number, timeZone: string): { date: string, msOfDay: number } {
  const wall = new TZDate(instant, timeZone)
  const date = `${String(wall.getFullYear()).padStart(4, '0')}-${String(wall.getMonth() + 1).padStart(2, '0')}-${String(wall.getDate()).padStart(2, '0')}`
  return { date, msOfDay: ((wall.getHours() * 60 + wall.getMinutes()) * 60 + wall.getSeconds()) * 1000 + wall.getMilliseconds() }
}

/** The instant of a local wall-clock time (a time that DST skips lands after the gap). */
export function instantOfWallClock(date: string, msOfDay: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number)
  const seconds = Math.floor(msOfDay / 1000)
  return +new TZDate(y, m - 1, d, Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60, msOfDay % 1000, timeZone)
}

/** The business date an instant belongs to. */
export function businessDateOf(instant: number, days: StoreDays): string {
  return remember(dateCache, `${days.timeZone}|${days.dayStartMinutes}|${Math.floor(instant / QUARTER_HOUR_MS)}`, () => {
    const { date, msOfDay } = wallClockOf(instant, days.timeZone)
    const minutes = Math.floor(msOfDay / 60_000)
    const shift = startShiftMinutes(days.dayStartMinutes)
    if (shift >= 0)
      return minutes < shift ? addDaysToDate(date, -1) : date
    return minutes >= days.dayStartMinutes ? addDaysToDate(date, 1) : date
  })
}

/** Business dates `from`..`to` (inclusive) as instants: [start of `from`, start of the day after `to`). */
export function datesBounds(from: string, to: string, days: StoreDays): RangeBounds {
  return { from: new Date(dayStartOf(from, days)).toISOString(), to: new Date(dayStartOf(addDaysToDate(to, 1), days)).toISOString() }
}

export const RANGE_DAYS: Record<AnalyticsRange, number> = { 'today': 1, '7d': 7, '30d': 30, '90d': 90 }

/** A fixed range as business dates ending with today. */
export function rangeDates(range: AnalyticsRange, days: StoreDays, now: Date): { from: string, to: string } {
  const today = businessDateOf(now.getTime(), days)
  return { from: addDaysToDate(today, 1 - RANGE_DAYS[range]), to: today }
}

/** A range in whole business days ending with today: `today` is [today's start, tomorrow's start). */
export function rangeBounds(range: AnalyticsRange, timeZone: string, now: Date = new Date(), dayStartMinutes = 0): RangeBounds {
  const days = { timeZone, dayStartMinutes }
  const dates = rangeDates(range, days, now)
  return datesBounds(dates.from, dates.to, days)
}

/** Every bucket start in [from, to): hours step in real time, days from business-day start to start. */
export function bucketStarts(bounds: RangeBounds, bucket: Bucket, timeZone: string, dayStartMinutes = 0): readonly string[] {
  return remember(startsCache, `${timeZone}|${dayStartMinutes}|${bucket}|${bounds.from}|${bounds.to}`, () => {
    const starts: string[] = []
    const end = Date.parse(bounds.to)
    if (bucket === 'day') {
      const days = { timeZone, dayStartMinutes }
      let date = businessDateOf(Date.parse(bounds.from), days)
      for (let start = dayStartOf(date, days); start < end; date = addDaysToDate(date, 1), start = dayStartOf(date, days))
        starts.push(new Date(start).toISOString())
      return starts
    }
    let cursor = new TZDate(Date.parse(bounds.from), timeZone)
    while (+cursor < end) {
      starts.push(new Date(+cursor).toISOString())
      cursor = addHours(cursor, 1)
    }
    return starts
  })
}
