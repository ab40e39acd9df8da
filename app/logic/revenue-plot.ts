import type UPlot from 'uplot'
import type { Timeseries } from '~shared/types/api'
import type { Translate } from './translate'
import { xRange, xTicks } from './chart-scale'
import { formatBucket, formatCompactMoney } from './format'
import { barFactor, bucketStarts, chartHeight, compareName, revenueScale, revenueSplits } from './revenue-chart'

export interface PlotLook {
  /** Axis text, grid lines, bars and the comparison line: the page's colours at drawing time. */
  text: string
  grid: string
  primary: string
  faint: string
  font: string
}

export interface PlotSetup {
  /** The series as it is now (the scales and axes read it again on every redraw). */
  series: () => Timeseries
  currency: string
  timeZone: string
  width: number
  look: PlotLook
  /** Called after each redraw. */
  onDraw: (u: UPlot) => void
  /** Names the comparison line. */
  t: Translate
}

/** The label of a bucket starting at `ms`, in the store's time zone. */
export function bucketLabel(series: Timeseries, ms: number, timeZone: string): string {
  return formatBucket(ms, series.bucket, timeZone)
}

/** The colours and font of the page, read from its CSS variables. */
export function readLook(root: Element): PlotLook {
  const style = getComputedStyle(root)
  const cssVar = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  return {
    text: cssVar('--muted', '#4338ca'),
    grid: cssVar('--border', '#4338ca'),
    primary: cssVar('--primary', '#4338ca'),
    faint: cssVar('--compare', 'rgba(75, 85, 99, 0.6)'),
    // The page's own font stack (uPlot's default lists emoji fonts too, costly on every canvas text change).
    font: `12px ${cssVar('--font', 'system-ui, sans-serif')}`,
  }
}

/** uPlot's options for the revenue bars and the comparison line. */
export function plotOptions(Plot: typeof UPlot, setup: PlotSetup): UPlot.Options {
  const { series, currency, timeZone, width, look, t } = setup
  const first = series()
  const name = compareName(first, t)
  return {
    width,
    height: chartHeight(width),
    legend: { show: false },
    cursor: { show: true, x: true, y: false, drag: { x: false, y: false }, points: { show: false } },
    // Not uPlot's time scale: it would place and label ticks in the browser's zone, not the store's.
    scales: {
      x: { time: false, range: () => xRange(bucketStarts(series()), series().bucket) },
      y: { range: () => {
        const { bottom, top } = revenueScale(series(), currency)
        return [bottom, top]
      } },
    },
    axes: [
      {
        stroke: look.text,
        font: look.font,
        grid: { show: false },
        ticks: { stroke: look.grid },
        splits: u => xTicks(bucketStarts(series()), series().bucket, timeZone, u.bbox.width / (devicePixelRatio || 1)),
        values: (_u, splits) => splits.map(s => bucketLabel(series(), s * 1000, timeZone)),
      },
      {
        stroke: look.text,
        font: look.font,
        grid: { stroke: look.grid, width: 1 },
        ticks: { show: false },
        splits: () => revenueSplits(series(), currency),
        values: (_u, splits) => splits.map(s => formatCompactMoney(s, currency)),
        size: 56,
      },
    ],
    hooks: { draw: [setup.onDraw] },
    series: [
      {},
      {
        label: 'Revenue',
        stroke: look.primary,
        fill: look.primary,
        width: 0,
        points: { show: false },
        paths: Plot.paths.bars!({ size: [barFactor(first), 48], align: 0 }),
      },
      ...(first.comparison
        ? [{ label: name, stroke: look.faint, width: 2, dash: [5, 4], points: { show: false }, spanGaps: false }]
        : []),
    ],
  }
}

/**
 * Where the axes ended up, as JSON for the chart element (the canvas has no text): x ticks with their
 * label and position, the first and last bars' edges, the y steps. For tests and for inspecting.
 */
export function describeAxes(u: UPlot, series: Timeseries, currency: string, timeZone: string): string {
  const x = bucketStarts(series)
  const pos = (v: number) => Math.round(u.valToPos(v, 'x') * 10) / 10
  const bucketPx = x.length > 1 ? pos(x[1]) - pos(x[0]) : u.bbox.width / (devicePixelRatio || 1)
  const barPx = Math.min(48, bucketPx * barFactor(series))
  const bar = (v: number) => [pos(v) - barPx / 2, pos(v) + barPx / 2]
  return JSON.stringify({
    width: u.bbox.width / (devicePixelRatio || 1),
    xTicks: (u.axes[0] as { _splits?: number[] })._splits?.map(t => ({ t, label: bucketLabel(series, t * 1000, timeZone), left: pos(t) })) ?? [],
    firstBar: x.length ? bar(x[0]) : null,
    lastBar: x.length ? bar(x[x.length - 1]) : null,
    ySplits: revenueSplits(series, currency),
  })
}
