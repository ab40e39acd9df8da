/** Nearest-rank percentile of numbers (p in 0..100); NaN for an empty list. */
export function percentile(values, p) {
  if (values.length === 0)
    return Number.NaN
  const sorted = Float64Array.from(values).sort()
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]
}

/** count, min, p50, p95, p99, max and mean of a list of numbers (milliseconds, usually). */
export function summarize(values) {
  const sorted = Float64Array.from(values).sort()
  const at = p => sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
  let sum = 0
  for (const value of sorted) sum += value
  return {
    count: sorted.length,
    min: sorted.length ? sorted[0] : Number.NaN,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  }
}

/** The median of the finite numbers of a list (the mean of the middle two for an even count); NaN for none. */
export function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  if (sorted.length === 0)
    return Number.NaN
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** a / b rounded for a table; null when either side is missing. */
export function ratio(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0)
    return null
  return Math.round((a / b) * 100) / 100
}

export function round(value, digits = 2) {
  if (!Number.isFinite(value))
    return value
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
