// Query and body schemas of the analytics, store-settings and export routes.
import * as v from 'valibot'
import { ANALYTICS_RANGES, BUCKETS } from '../domain'
import { isTimeZone, limitParam, safeString } from './api'

export const REPORT_RANGES = [...ANALYTICS_RANGES, 'custom'] as const
export const COMPARISONS = ['previous', 'last_year'] as const
export const HEATMAP_RANGES = ['30d', '90d', 'custom'] as const

export function isCalendarDate(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`)
  return Number.isFinite(time) && new Date(time).toISOString().startsWith(date)
}

const dateParam = v.optional(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'), v.check(isCalendarDate, 'is not a calendar date')))
const rangeParam = v.optional(v.picklist(REPORT_RANGES, 'must be today, 7d, 30d, 90d or custom'), 'today')
const compareParam = v.optional(v.picklist(COMPARISONS, 'must be previous or last_year'))

export const ReportSummaryQuerySchema = v.object({ range: rangeParam, from: dateParam, to: dateParam, compare: compareParam })
export const ReportTimeseriesQuerySchema = v.object({ range: rangeParam, from: dateParam, to: dateParam, compare: compareParam, bucket: v.optional(v.picklist(BUCKETS, 'must be hour or day')) })
export const ReportTopProductsQuerySchema = v.object({ range: rangeParam, from: dateParam, to: dateParam, limit: limitParam(50, 5) })
export const HeatmapQuerySchema = v.object({ range: v.optional(v.picklist(HEATMAP_RANGES, 'must be 30d, 90d or custom'), '30d'), from: dateParam, to: dateParam })
export const ExportQuerySchema = v.object({ range: rangeParam, from: dateParam, to: dateParam })
export const ByActorQuerySchema = v.object({ range: rangeParam, from: dateParam, to: dateParam })

// valibot's object schemas accept arrays too.
const notAnArray = v.check((input: unknown) => !Array.isArray(input), 'must be a JSON object')

export const UpdateStoreSchema = v.pipe(v.unknown(), notAnArray, v.strictObject({
  name: v.optional(v.pipe(safeString(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(100))),
  timeZone: v.optional(v.pipe(safeString(), v.maxLength(64), v.check(isTimeZone, 'must be an IANA time zone'))),
  currency: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code'))),
  // Rollups are hourly: a day that started at :30 could not be cut exactly from them.
  dayStartsAt: v.optional(v.pipe(v.string(), v.regex(/^(?:[01]\d|2[0-3]):00$/, 'must be a whole hour HH:00 (00:00 to 23:00)'))),
  dailyGoalCents: v.optional(v.nullable(v.pipe(v.number(), v.integer('must be whole minor units of the currency (cents, yen, fils)'), v.minValue(1), v.maxValue(100_000_000_000)))),
  staffCanSeeToday: v.optional(v.boolean('must be true or false')),
}))
