/** How often the comparison's cut ("same time yesterday") moves on a page left open (and at each whole hour). */
export const COMPARISON_REFRESH_MS = 5 * 60_000
const HOUR_MS = 3_600_000

/** How far `now` is into its hour on the clocks of `timeZone` (zones half an hour off UTC included). */
export function msIntoHour(now: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, minute: 'numeric', second: 'numeric', hourCycle: 'h23' }).formatToParts(now)
  const part = (type: string) => Number(parts.find(p => p.type === type)?.value ?? 0)
  return (part('minute') * 60 + part('second')) * 1000 + (now % 1000)
}

export interface ClockInput {
  now: number
  /** `msIntoHour(now, store zone)`. */
  intoHour: number
  /** When the store's business day ends (the shown range's end, when it reaches today), or null. */
  dayEndsAt: number | null
  /** Whether a comparison is shown whose cut follows the clock. */
  comparing: boolean
  everyMs?: number
}

export type ClockWake = { at: number, reason: 'day' | 'comparison' } | null

/**
 * The next moment a page left open must act: the business day's end (everything rolls over: figures,
 * heatmap, comparison), or else the next comparison refresh — every few minutes and at each whole hour of
 * the store's clock, whichever comes first. Null when neither applies.
 */
export function nextClockWake({ now, intoHour, dayEndsAt, comparing, everyMs = COMPARISON_REFRESH_MS }: ClockInput): ClockWake {
  const comparison = comparing ? now + Math.min(everyMs, HOUR_MS - intoHour) : null
  if (dayEndsAt !== null && (comparison === null || dayEndsAt <= comparison))
    return { at: Math.max(now, dayEndsAt), reason: 'day' }
  return comparison === null ? null : { at: comparison, reason: 'comparison' }
}
