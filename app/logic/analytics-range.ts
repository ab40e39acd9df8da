import type { ReportRange } from '~shared/types/api'
import { ANALYTICS_RANGES } from '~shared/domain'

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** The range a `?range=` query asks for (`custom` too), or `fallback` when it names none. */
export function rangeFromQuery(value: unknown, fallback: ReportRange): ReportRange {
  return value === 'custom' || ANALYTICS_RANGES.includes(value as never) ? value as ReportRange : fallback
}

/** The dates of a `?range=custom&from=&to=` query, when both are dates. */
export function datesFromQuery(query: Record<string, unknown>): { from: string, to: string } | undefined {
  const { from, to } = query
  return typeof from === 'string' && typeof to === 'string' && DATE.test(from) && DATE.test(to) ? { from, to } : undefined
}

/** The query that names a range in the address bar (nothing for today). */
export function queryOfRange(range: ReportRange, dates?: { from: string, to: string } | null): Record<string, string> {
  if (range === 'today')
    return {}
  return range === 'custom' && dates ? { range, from: dates.from, to: dates.to } : { range }
}

export interface LoadedAnalytics {
  range: ReportRange
  hasData: boolean
  source: 'network' | 'cache'
  /** A load is under way (the store's `refreshing`). */
  inFlight: boolean
}

/**
 * Whether opening the page must load `wanted`: nothing shown for it yet, or only this device's copy. Not
 * when that very load is already under way (started while the page's code was still downloading).
 */
export function needsLoad(current: LoadedAnalytics, wanted: ReportRange): boolean {
  if (current.inFlight && current.range === wanted)
    return false
  return !current.hasData || current.range !== wanted || current.source === 'cache'
}
