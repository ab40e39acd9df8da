import type { AnalyticsRange, Bucket } from '~shared/types/api'
import { TZDate } from '@date-fns/tz'
import { addDays, addHours, startOfDay, startOfHour } from 'date-fns'

const RANGE_DAYS: Record<AnalyticsRange, number> = { 'today': 1, '7d': 7, '30d': 30, '90d': 90 }

const QUARTER_HOUR_MS = 15 * 60_000

// Zone arithmetic (Intl under TZDate) costs more than a write's inserts or the rollup query of a short
// range: answers are remembered, per zone and UTC quarter hour for "now". Every UTC offset is a whole
// number of quarter hours, so all instants of one UTC quarter hour share a local hour and a local day.
const bucketCache = new Map<string, string>()
const boundsCache = new Map<string, RangeBounds>()
const startsCache = new Map<string, readonly string[]>()
const CACHE_SIZE = 4096

function remember<T>(cache: Map<string, T>, key: string, compute: () => T): T {
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

export interface RangeBounds { from: string, to: string }

/** A range in whole store-local days ending with today: `today` is [local midnight, next midnight). */
export function rangeBounds(range: AnalyticsRange, timeZone: string, now: Date = new Date()): RangeBounds {
  return remember(boundsCache, `${timeZone}|${range}|${Math.floor(now.getTime() / QUARTER_HOUR_MS)}`, () => {
    const today = startOfDay(new TZDate(now.getTime(), timeZone))
    const from = addDays(today, 1 - RANGE_DAYS[range])
    const to = addDays(today, 1)
    return { from: new Date(+from).toISOString(), to: new Date(+to).toISOString() }
  })
}

/** Every bucket start in [from, to), stepping in local time so that DST days have 23 or 25 hours. */
export function bucketStarts(bounds: RangeBounds, bucket: Bucket, timeZone: string): readonly string[] {
  return remember(startsCache, `${timeZone}|${bucket}|${bounds.from}|${bounds.to}`, () => {
    const starts: string[] = []
    const end = Date.parse(bounds.to)
    let cursor = new TZDate(Date.parse(bounds.from), timeZone)
    while (+cursor < end) {
      starts.push(new Date(+cursor).toISOString())
      cursor = bucket === 'hour' ? addHours(cursor, 1) : addDays(cursor, 1)
    }
    return starts
  })
}
