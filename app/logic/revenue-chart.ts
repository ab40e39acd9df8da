import type { Timeseries } from '~shared/types/api'
import type { Translate } from './translate'
import { minorToMajor } from '~shared/money'
import { niceScale, ySplits } from './chart-scale'
import { formatBucketLong, formatCount, formatMoney } from './format'
import { comparisonRevenue } from './insights'

/** The comparison's name in the chart's key: empty when nothing is compared. */
export function compareName(series: Timeseries, t: Translate): string {
  const c = series.comparison
  if (!c)
    return ''
  if (c.compare === 'last_year')
    return t('analytics.chart.lastYear')
  return t(series.range === 'today' ? 'analytics.chart.yesterday' : 'analytics.chart.previous')
}

/** Phones get a shorter chart, so the top products stay in view. */
export function chartHeight(width: number): number {
  return width < 480 ? 200 : 260
}

/** Thinner bars when there are many, so that they stay apart. */
export function barFactor(series: Timeseries): number {
  return series.points.length > 40 ? 0.7 : 0.6
}

/** Bars are drawn centred on their bucket's start (seconds), so ticks there sit on bar centres. */
export function bucketStarts(series: Timeseries): number[] {
  return series.points.map(p => Date.parse(p.t) / 1000)
}

/** The chart's columns: bucket starts, revenue in units, and the comparison's revenue when there is one. */
export function chartColumns(series: Timeseries, currency: string): [number[], ...Array<Array<number | null>>] {
  const current = series.points.map(p => minorToMajor(p.revenueCents, currency))
  const compared = comparisonRevenue(series, currency)
  return compared ? [bucketStarts(series), current, compared] : [bucketStarts(series), current]
}

/** The y axis, from zero (or the lowest refund-made negative) to a round top above every bar and comparison. */
export function revenueScale(series: Timeseries, currency: string): { bottom: number, top: number, step: number } {
  const values = series.points.map(p => minorToMajor(p.revenueCents, currency)).concat((comparisonRevenue(series, currency) ?? []).filter(v => v !== null))
  return niceScale(Math.max(0, ...values), Math.min(0, ...values))
}

export function revenueSplits(series: Timeseries, currency: string): number[] {
  const { bottom, top, step } = revenueScale(series, currency)
  return ySplits(bottom, top, step)
}

/**
 * The chart read out as one sentence (its accessible name). `peakLabel` names the busiest bucket's time;
 * without it the peak's time is left out.
 */
export function chartSummary(series: Timeseries, currency: string, t: Translate, peakLabel?: (ms: number) => string): string {
  const peak = series.points.reduce((best, p) => (p.revenueCents > best.revenueCents ? p : best), series.points[0] ?? { t: '', revenueCents: 0, orderCount: 0 })
  const total = series.points.reduce((sum, p) => sum + p.revenueCents, 0)
  const name = compareName(series, t)
  const comparedTotal = (series.comparison?.points ?? []).reduce((sum, p) => sum + (p?.revenueCents ?? 0), 0)
  const totalText = formatMoney(total, currency)
  const highest = formatMoney(peak.revenueCents, currency)
  const said = peak.revenueCents <= 0
    ? t('analytics.chart.summary', { total: totalText })
    : peak.t && peakLabel
      ? t('analytics.chart.summaryPeakAt', { total: totalText, highest, when: peakLabel(Date.parse(peak.t)) })
      : t('analytics.chart.summaryPeak', { total: totalText, highest })
  return name ? `${said} ${t('analytics.chart.summaryCompared', { name, amount: formatMoney(comparedTotal, currency) })}` : said
}

/** One bucket read out: its time, what was collected, its orders and the comparison's figure. */
export function bucketReadout(series: Timeseries, index: number, currency: string, timeZone: string, t: Translate): string | null {
  const point = series.points[index]
  if (!point)
    return null
  const before = series.comparison?.points[index]
  const name = compareName(series, t)
  const said = t('analytics.chart.readout', { when: formatBucketLong(Date.parse(point.t), series.bucket, timeZone), amount: formatMoney(point.revenueCents, currency), count: formatCount(point.orderCount) }, point.orderCount)
  return before && name ? `${said} · ${t('analytics.chart.readoutCompared', { name, amount: formatMoney(before.revenueCents, currency) })}` : said
}

/**
 * The bucket a key selects among `count` buckets: ← and → step (from nothing selected, ← starts at the
 * newest and → at the oldest), Home and End jump, Escape clears (`null`). `undefined`: not a chart key.
 */
export function bucketForKey(key: string, current: number | null, count: number): number | null | undefined {
  const last = count - 1
  if (last < 0)
    return undefined
  const keys: Record<string, number | null> = {
    ArrowLeft: current === null ? last : Math.max(0, current - 1),
    ArrowRight: current === null ? 0 : Math.min(last, current + 1),
    Home: 0,
    End: last,
    Escape: null,
  }
  return key in keys ? keys[key] : undefined
}
