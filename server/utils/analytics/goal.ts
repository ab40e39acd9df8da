import type { Goal } from '~shared/types/api'
import type { Db } from '../db/connection'
import type { StoresTable } from '../db/schema'
import { addDaysToDate, businessDateOf, datesBounds, daysBetween, instantOfWallClock, wallClockOf } from '../time/local-time'
import { storeDaysOf } from './store-days'

const HOUR_MS = 3_600_000
const WEEKS_OF_HISTORY = 4

/**
 * Today's goal and how much of it should be in by now: the target times the share of the day's
 * payments that had come in by this local time on the same weekday of the last four weeks (the hour
 * now falls in counts pro rata). Without such history the day is assumed to sell evenly.
 */
export async function getGoal(db: Db, store: StoresTable, targetCents: number, collectedCents: number, now: Date): Promise<Goal> {
  const days = storeDaysOf(store)
  const today = businessDateOf(now.getTime(), days)
  const wall = wallClockOf(now.getTime(), days.timeZone)
  const weeks = Array.from({ length: WEEKS_OF_HISTORY }, (_, index) => {
    const date = addDaysToDate(today, -7 * (index + 1))
    const bounds = datesBounds(date, date, days)
    const cut = instantOfWallClock(addDaysToDate(date, daysBetween(today, wall.date)), wall.msOfDay, days.timeZone)
    return { bounds, cut }
  })
  const rows = await db.selectFrom('rollups_hourly')
    .select(['bucket', 'revenue_cents'])
    .where('store_id', '=', store.id)
    .where(eb => eb.or(weeks.map(week => eb.and([eb('bucket', '>=', week.bounds.from), eb('bucket', '<', week.bounds.to)]))))
    .execute()
  let before = 0
  let whole = 0
  for (const row of rows) {
    const start = Date.parse(row.bucket)
    const week = weeks.find(w => row.bucket >= w.bounds.from && row.bucket < w.bounds.to)!
    const cents = Number(row.revenue_cents)
    whole += cents
    before += cents * Math.min(1, Math.max(0, (week.cut - start) / HOUR_MS))
  }
  const todayBounds = datesBounds(today, today, days)
  const share = whole > 0
    ? before / whole
    : (now.getTime() - Date.parse(todayBounds.from)) / (Date.parse(todayBounds.to) - Date.parse(todayBounds.from))
  return { targetCents, collectedCents, expectedByNowCents: Math.round(targetCents * Math.min(1, Math.max(0, share))) }
}
