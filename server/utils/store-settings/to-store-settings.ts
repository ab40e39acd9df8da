import type { StoreSettings } from '~shared/types/api'
import type { StoresTable } from '../db/schema'

export function formatDayStart(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

export function toStoreSettings(row: StoresTable): StoreSettings {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    currency: row.currency,
    createdAt: row.created_at,
    dayStartsAt: formatDayStart(Number(row.day_start_minutes ?? 0)),
    dailyGoalCents: row.daily_goal_cents == null ? null : Number(row.daily_goal_cents),
    staffCanSeeToday: Number(row.staff_can_see_today ?? 0) === 1,
  }
}
