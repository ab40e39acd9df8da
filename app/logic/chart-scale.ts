import type { Bucket } from '~shared/types/api'

export const HOUR_S = 3600
export const DAY_S = 86_400

/**
 * A round y axis through 0: steps of 1, 2 or 5 × 10ⁿ whole currency units (never $0.30 / $0.50 steps),
 * ends a whole number of steps beyond the data (below 0 only when a bucket is negative: refunds).
 */
export function niceScale(max: number, min = 0, targetTicks = 4): { bottom: number, top: number, step: number } {
  const high = Number.isFinite(max) && max > 0 ? max : 0
  const low = Number.isFinite(min) && min < 0 ? min : 0
  const span = high - low
  if (span === 0)
    return { bottom: 0, top: targetTicks, step: 1 }
  const raw = span / targetTicks
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const norm = raw / magnitude
  const step = Math.max(1, (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude)
  return {
    bottom: low < 0 ? -Math.ceil((-low * 1.02) / step) * step : 0,
    top: high > 0 ? Math.ceil((high * 1.02) / step) * step : 0,
    step,
  }
}

/** bottom, bottom + step … top. */
export function ySplits(bottom: number, top: number, step: number): number[] {
  const splits: number[] = []
  for (let v = bottom; v <= top + step / 1000; v += step) splits.push(Math.round(v * 100) / 100)
  return splits
}

/** Half a bucket of room on each side of the first and last bars, so that they are drawn whole. */
export function xRange(xs: number[], bucket: Bucket): [number, number] {
  const half = (bucket === 'hour' ? HOUR_S : DAY_S) / 2
  if (xs.length === 0)
    return [0, 2 * half]
  return [xs[0] - half, xs[xs.length - 1] + half]
}

const HOUR_STRIDES = [1, 2, 3, 4, 6, 12]
const DAY_STRIDES = [1, 2, 3, 7, 14, 30]

/** The hour of the day (0–23) of an instant in a time zone. */
export function hourInZone(seconds: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { hour: 'numeric', hourCycle: 'h23', timeZone }).formatToParts(seconds * 1000)
  return Number(parts.find(part => part.type === 'hour')?.value ?? 0) % 24
}

/**
 * Ticks on bucket centres (each bar is drawn centred on its bucket's start), at most one per
 * `minSpacingPx`: hours on round hours of the store's clock (12 AM, 6 AM, 12 PM …), days counted back
 * from the last day so that today is always labelled. `xs` are the buckets' starts in seconds.
 */
export function xTicks(xs: number[], bucket: Bucket, timeZone: string, plotWidthPx: number, minSpacingPx = 48): number[] {
  if (xs.length === 0)
    return []
  const perBucket = plotWidthPx / xs.length
  const strides = bucket === 'hour' ? HOUR_STRIDES : DAY_STRIDES
  const stride = strides.find(s => s * perBucket >= minSpacingPx) ?? Math.ceil(minSpacingPx / Math.max(perBucket, 1))
  if (bucket === 'hour')
    return xs.filter(x => hourInZone(x, timeZone) % stride === 0)
  const last = xs.length - 1
  return xs.filter((_x, i) => (last - i) % stride === 0)
}

/** The bucket nearest to an x value (for the keyboard and the pointer readout). */
export function nearestIndex(xs: number[], x: number): number {
  let best = -1
  let distance = Infinity
  for (let i = 0; i < xs.length; i++) {
    const d = Math.abs(xs[i] - x)
    if (d < distance) {
      distance = d
      best = i
    }
  }
  return best
}
