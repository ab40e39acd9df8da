import type { Comparison, ReportRange } from '~shared/types/api'
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

/** A query string for a range (`custom` with its dates). */
export function rangeQuery(range: ReportRange, dates?: { from: string, to: string }): string {
  return range === 'custom' && dates ? `range=custom&from=${dates.from}&to=${dates.to}` : `range=${range}`
}

const COMPARISON_KEY = 'pulse.comparison.'

/**
 * The comparison this device last chose for a range: `previous` until it chose otherwise, `null` when it
 * chose none. Storage that cannot be read (private mode, tests without a DOM) gives the default.
 */
export function readComparisonChoice(range: ReportRange, storage?: Pick<Storage, 'getItem'>): Comparison | null {
  let value: string | null = null
  try {
    value = (storage ?? localStorage).getItem(COMPARISON_KEY + range)
  }
  catch {}
  if (value === 'none')
    return null
  return value === 'last_year' ? 'last_year' : 'previous'
}

export function saveComparisonChoice(range: ReportRange, choice: Comparison | null, storage?: Pick<Storage, 'setItem'>): void {
  try {
    (storage ?? localStorage).setItem(COMPARISON_KEY + range, choice ?? 'none')
  }
  catch {}
}

/** A query string for a range with its comparison (`compare=` left out for none). */
export function reportQuery(range: ReportRange, dates: { from: string, to: string } | null | undefined, compare: Comparison | null): string {
  const base = rangeQuery(range, dates ?? undefined)
  return compare ? `${base}&compare=${compare}` : base
}

/** The heatmap answers 30d, 90d and custom ranges only (a day or a week says little about weekdays × hours). */
export function hasHeatmap(range: ReportRange): boolean {
  return range === '30d' || range === '90d' || range === 'custom'
}

/**
 * Today's business date in the store's zone, from the end of a range that reaches today (a business day
 * is named by the date that holds most of its hours: the date at its middle).
 */
export function businessDateEndingAt(to: string, timeZone: string): string {
  const middle = Date.parse(to) - 12 * 3_600_000
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(middle)
}
