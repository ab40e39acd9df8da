import type { StoresTable } from '../db/schema'
import type { StoreDays } from '../time/local-time'

/** How the store cuts time into business days. */
export function storeDaysOf(store: Pick<StoresTable, 'time_zone' | 'day_start_minutes'>): StoreDays {
  return { timeZone: store.time_zone, dayStartMinutes: Number(store.day_start_minutes ?? 0) }
}
