// Intl formatters are costly to build (the first one loads locale data): each is built once and reused.
const moneyFormats = new Map<string, Intl.NumberFormat>()
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()
let countFormat: Intl.NumberFormat | undefined
let clockFormat: Intl.DateTimeFormat | undefined

/** Cents as money in the store's currency, e.g. `$1,234.50`. */
export function formatMoney(cents: number, currency = 'USD'): string {
  let format = moneyFormats.get(currency)
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency })
    moneyFormats.set(currency, format)
  }
  return format.format(cents / 100)
}

/**
 * Builds the money and count formatters ahead of the first render that needs them (the first Intl formatter
 * of a page loads locale data: a task of its own, in a gap while the page's code downloads, rather than
 * part of the render).
 */
export function prepareFormats(currency = 'USD'): void {
  formatMoney(0, currency)
  formatCount(0)
}

export function formatCount(value: number): string {
  countFormat ??= new Intl.NumberFormat()
  return countFormat.format(value)
}

/** `14:32` in the viewer's clock. */
export function formatClock(time: number | string | Date): string {
  clockFormat ??= new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })
  return clockFormat.format(new Date(time))
}

/** `Nov 26, 14:32` in the store's time zone (orders list). */
export function formatDateTime(time: string, timeZone?: string): string {
  const key = timeZone ?? ''
  let format = dateTimeFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone })
    dateTimeFormats.set(key, format)
  }
  return format.format(new Date(time))
}

const bucketFormats = new Map<string, Intl.DateTimeFormat>()
const compactMoneyFormats = new Map<string, Intl.NumberFormat>()

/** A chart tick in the store's time zone: `3 PM` for hourly buckets, `Nov 26` for daily ones. */
export function formatBucket(ms: number, bucket: 'hour' | 'day', timeZone: string): string {
  const key = `${bucket} ${timeZone}`
  let format = bucketFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, bucket === 'hour' ? { hour: 'numeric', timeZone } : { month: 'short', day: 'numeric', timeZone })
    bucketFormats.set(key, format)
  }
  return format.format(ms)
}

/** Whole currency units, short: `$1.2K` (chart axis). */
export function formatCompactMoney(value: number, currency = 'USD'): string {
  let format = compactMoneyFormats.get(currency)
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 })
    compactMoneyFormats.set(currency, format)
  }
  return format.format(value)
}
