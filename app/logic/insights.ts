import type { Comparison, HeatmapCell, MethodTotal, ReportRange, Summary, SummaryFigures, Timeseries } from '~shared/types/api'
import type { Translate } from './translate'
import { minorToMajor } from '~shared/money'
import { rangeQuery } from './analytics-range'

export interface Delta {
  direction: 'up' | 'down' | 'flat' | 'new'
  /** Whole percent, unsigned; null when the comparison was 0 (no percentage exists). */
  percent: number | null
  /** What a screen reader says, e.g. "up 12 percent vs same time yesterday". */
  spoken: string
}

/** The comparison's name as the KPI cards show it. */
export function comparisonLabel(range: ReportRange, compare: Comparison, t: Translate): string {
  if (compare === 'last_year')
    return t('insights.compare.lastYear')
  return t(range === 'today' ? 'insights.compare.yesterday' : 'insights.compare.previous')
}

/** Change from `previous` to `current` (▲ 12 % / ▼ 3 %), with words for screen readers. */
export function deltaOf(current: number, previous: number, label: string, t: Translate): Delta {
  if (previous === 0) {
    if (current === 0)
      return { direction: 'flat', percent: 0, spoken: t('insights.delta.flat', { label }) }
    return { direction: 'new', percent: null, spoken: t(current > 0 ? 'insights.delta.upFromNothing' : 'insights.delta.downFromNothing', { label }) }
  }
  const percent = Math.round(Math.abs((current - previous) / previous) * 100)
  if (percent === 0)
    return { direction: 'flat', percent: 0, spoken: t('insights.delta.flat', { label }) }
  const direction = current > previous ? 'up' : 'down'
  return { direction, percent, spoken: t(`insights.delta.${direction}`, { percent, label }) }
}

/** Each method's share of the payments, in percent (summing to 100 when there are any). */
export function methodShares(byMethod: MethodTotal[]): Array<MethodTotal & { share: number }> {
  const total = byMethod.reduce((sum, m) => sum + m.amountCents, 0)
  return byMethod.map(m => ({ ...m, share: total > 0 ? Math.round((m.amountCents / total) * 1000) / 10 : 0 }))
}

/** 0..1 intensity of each heatmap cell relative to the busiest one. */
export function heatLevels(cells: HeatmapCell[]): number[] {
  const max = Math.max(0, ...cells.map(c => c.orderCount))
  return cells.map(c => (max > 0 ? c.orderCount / max : 0))
}

/** The download URL of an export (the session cookie authenticates a plain link). */
export function exportUrl(kind: 'orders' | 'daily', range: ReportRange, dates?: { from: string, to: string }): string {
  return `/api/v1/exports/${kind}.csv?${rangeQuery(range, dates)}`
}

/** The comparison's revenue per bucket, aligned with the current points (in the currency's major units; null past its end). */
export function comparisonRevenue(series: Timeseries, currency: string): Array<number | null> | null {
  if (!series.comparison)
    return null
  return series.points.map((_, i) => {
    const point = series.comparison!.points[i]
    return point ? minorToMajor(point.revenueCents, currency) : null
  })
}

/** A figure of the summary that is one number (all but `byMethod`). */
export type NumericFigure = Exclude<keyof SummaryFigures, 'byMethod'>

/** A figure now and in the comparison, or undefined when nothing is compared. */
export function comparedFigure(summary: Summary, figure: NumericFigure): { current: number, previous: number } | undefined {
  return summary.comparison ? { current: summary[figure], previous: summary.comparison[figure] } : undefined
}
