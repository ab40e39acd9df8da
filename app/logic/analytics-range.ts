import type { AnalyticsRange } from '~shared/types/api'
import { ANALYTICS_RANGES } from '~shared/domain'

/** The range a `?range=` query asks for, or `fallback` when it names none. */
export function rangeFromQuery(value: unknown, fallback: AnalyticsRange): AnalyticsRange {
  return ANALYTICS_RANGES.includes(value as AnalyticsRange) ? value as AnalyticsRange : fallback
}

export interface LoadedAnalytics {
  range: AnalyticsRange
  hasData: boolean
  source: 'network' | 'cache'
  /** A load is under way (the store's `refreshing`). */
  inFlight: boolean
}

/**
 * Whether opening the page must load `wanted`: nothing shown for it yet, or only this device's copy. Not
 * when that very load is already under way (started while the page's code was still downloading).
 */
export function needsLoad(current: LoadedAnalytics, wanted: AnalyticsRange): boolean {
  if (current.inFlight && current.range === wanted)
    return false
  return !current.hasData || current.range !== wanted || current.source === 'cache'
}
