import type { PushAlertsInput } from '~shared/schemas/push'
import type { PushAlerts } from '~shared/types/push'
import { TZDate } from '@date-fns/tz'
import { addDays } from 'date-fns'

export const DEFAULT_ALERTS: PushAlerts = {
  newOrders: true,
  payments: true,
  minOrderCents: null,
  pendingReminderMinutes: null,
  dailySummaryAt: null,
  quietHours: null,
}

/** `input` over `base`: fields left out keep their value, `null` clears an optional one. */
export function mergeAlerts(base: PushAlerts, input: PushAlertsInput): PushAlerts {
  const merged: PushAlerts = { ...base }
  for (const key of Object.keys(input) as Array<keyof PushAlertsInput>) {
    if (input[key] !== undefined)
      (merged as unknown as Record<string, unknown>)[key] = input[key]
  }
  return merged
}

export function parseAlerts(json: string): PushAlerts {
  return { ...DEFAULT_ALERTS, ...JSON.parse(json) as Partial<PushAlerts> }
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))

/** The instant `clock` ("HH:MM") next occurs in the zone strictly after `after` (DST gaps move forward). */
export function nextOccurrence(clock: string, timeZone: string, after: number): number {
  const local = new TZDate(after, timeZone)
  const minutes = minutesOf(clock)
  for (let day = 0; day < 3; day++) {
    const date = addDays(local, day)
    const candidate = new TZDate(date.getFullYear(), date.getMonth(), date.getDate(), Math.floor(minutes / 60), minutes % 60, 0, 0, timeZone)
    if (+candidate > after)
      return +candidate
  }
  return after + 86_400_000
}

/**
 * When quiet hours that cover `now` end (the instant pushes may go again), or null when `now` is
 * outside them. A span like 22:00–07:00 crosses midnight.
 */
export function quietUntil(alerts: PushAlerts, timeZone: string, now: number): number | null {
  const quiet = alerts.quietHours
  if (!quiet)
    return null
  const local = new TZDate(now, timeZone)
  const current = local.getHours() * 60 + local.getMinutes()
  const from = minutesOf(quiet.from)
  const to = minutesOf(quiet.to)
  const inside = from < to ? current >= from && current < to : current >= from || current < to
  return inside ? nextOccurrence(quiet.to, timeZone, now) : null
}

export function summaryDueAt(alerts: PushAlerts, timeZone: string, now: number): string | null {
  return alerts.dailySummaryAt ? new Date(nextOccurrence(alerts.dailySummaryAt, timeZone, now)).toISOString() : null
}
