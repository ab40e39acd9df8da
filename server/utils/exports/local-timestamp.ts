import { remember, wallClockOf } from '../time/local-time'

const QUARTER_HOUR_MS = 15 * 60_000
const offsetCache = new Map<string, number>()

/**
 * `YYYY-MM-DD HH:MM:SS` in the store's zone. The zone's offset is remembered per UTC quarter hour (every
 * offset is a whole number of them): an export of a year's orders pays for zone arithmetic per quarter
 * hour, not per order.
 */
export function localTimestamp(instant: string, timeZone: string): string {
  const time = Date.parse(instant)
  const quarter = Math.floor(time / QUARTER_HOUR_MS)
  const offset = remember(offsetCache, `${timeZone}|${quarter}`, () => {
    const start = quarter * QUARTER_HOUR_MS
    const wall = wallClockOf(start, timeZone)
    return Date.parse(`${wall.date}T00:00:00Z`) + wall.msOfDay - start
  })
  return new Date(time + offset).toISOString().slice(0, 19).replace('T', ' ')
}
