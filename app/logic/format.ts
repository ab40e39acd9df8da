import { minorToMajor } from '~shared/money'
import { appLocale } from '../i18n/locale'

// Intl formatters are costly to build (the first one loads locale data): each is built once and reused.
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()

function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: (locale: string) => T): T {
  const locale = appLocale.value
  let format = formats.get(`${locale} ${key}`) as T | undefined
  if (!format) {
    format = keepCurrencyTogether(build(locale), locale)
    formats.set(`${locale} ${key}`, format)
  }
  return format
}

const RIGHT_TO_LEFT = /^(?:ar|he|fa|ur)\b/i
const LRM = '\u200E'

/**
 * Right to left, an amount ending in a currency code with a symbol (Arabic writes USD `612.45 US$`) showed
 * as `$US 612.45`: the `$` at the end of the text took the paragraph's direction and left its `US`. A
 * left-to-right mark after it keeps the code whole (`US$ 612.45`).
 */
function keepCurrencyTogether<T extends Intl.NumberFormat | Intl.DateTimeFormat>(format: T, locale: string): T {
  if (!RIGHT_TO_LEFT.test(locale) || !(format instanceof Intl.NumberFormat) || format.resolvedOptions().style !== 'currency')
    return format
  const plain = format.format.bind(format)
  Object.defineProperty(format, 'format', { value: (value: number | bigint) => `${plain(value)}${LRM}` })
  return format
}

/** Minor units (ISO 4217) as money in the store's currency: `123450` USD → `$1,234.50`, `1200` JPY → `¥1,200`. */
export function formatMoney(minor: number, currency = 'USD'): string {
  return formatter(`money ${currency}`, locale => new Intl.NumberFormat(locale, { style: 'currency', currency })).format(minorToMajor(minor, currency))
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
  return formatter('count', locale => new Intl.NumberFormat(locale)).format(value)
}

/**
 * `2:32 PM` (or `14:32`, as the device's locale writes times) in the store's time zone. One rule for every
 * time Pulse shows: the store's zone, and hours as the locale writes them (`numeric`, never `07:50 PM`).
 */
export function formatClock(time: number | string | Date, timeZone?: string): string {
  return formatter(`clock ${timeZone ?? ''}`, locale => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone })).format(new Date(time))
}

/** `Nov 26, 2:32 PM` in the store's time zone (orders, team, devices, API keys). */
export function formatDateTime(time: string, timeZone?: string): string {
  return formatter(`date-time ${timeZone ?? ''}`, locale => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone })).format(new Date(time))
}

/** A chart tick in the store's time zone: `3 PM` for hourly buckets, `Nov 26` for daily ones. */
export function formatBucket(ms: number, bucket: 'hour' | 'day', timeZone: string): string {
  return formatter(`bucket ${bucket} ${timeZone}`, locale => new Intl.DateTimeFormat(locale, bucket === 'hour' ? { hour: 'numeric', timeZone } : { month: 'short', day: 'numeric', timeZone })).format(ms)
}

/** Whole currency units, short: `$1.2K` (chart axis). */
export function formatCompactMoney(value: number, currency = 'USD'): string {
  return formatter(`compact-money ${currency}`, locale => new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 })).format(value)
}

/** Money in minor units for a narrow place (a KPI on a phone): `$14.3K` from 10,000 whole units up, the full amount below. */
export function formatShortMoney(minor: number, currency = 'USD'): string {
  const major = minorToMajor(minor, currency)
  return Math.abs(major) >= 10_000 ? formatCompactMoney(major, currency) : formatMoney(minor, currency)
}

/** A count for a narrow place: `12.4K` from 10,000 up. */
export function formatShortCount(value: number): string {
  return Math.abs(value) >= 10_000 ? formatter('compact-count', locale => new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 })).format(value) : formatCount(value)
}

/** A bucket named in full in the store's time zone (the chart's readout): `Nov 26, 3 PM` or `Thu, Nov 26`. */
export function formatBucketLong(ms: number, bucket: 'hour' | 'day', timeZone: string): string {
  return formatter(`bucket-long ${bucket} ${timeZone}`, locale => new Intl.DateTimeFormat(locale, bucket === 'hour' ? { month: 'short', day: 'numeric', hour: 'numeric', timeZone } : { weekday: 'short', month: 'short', day: 'numeric', timeZone })).format(ms)
}

/** `7:42 AM EST`: a time in the store's zone, naming the zone (banners that say how old the data is). */
export function formatStoreClock(time: number | string | Date, timeZone?: string): string {
  return formatter(`store-clock ${timeZone ?? ''}`, locale => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' })).format(new Date(time))
}

/** The short name of a zone now, e.g. `EST` or `GMT+9`. */
export function zoneName(timeZone?: string): string {
  return formatter(`zone-name ${timeZone ?? ''}`, locale => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })).formatToParts(Date.now()).find(part => part.type === 'timeZoneName')?.value ?? timeZone ?? ''
}

/** An hour of the day as the locale writes it, in lists of hours (`6 PM`, or `18 Uhr`): 0–23. */
export function formatHourOfDay(hour: number): string {
  return formatter('hour-of-day', locale => new Intl.DateTimeFormat(locale, { hour: 'numeric', timeZone: 'UTC' })).format(Date.UTC(2026, 0, 1, hour))
}

/** `Friday, November 26` (or `vendredi 26 novembre`) in the store's time zone: the counter screen's date. */
export function formatLongDay(time: number | string | Date, timeZone?: string): string {
  return formatter(`long-day ${timeZone ?? ''}`, locale => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone })).format(new Date(time))
}
