const moneyFormats = new Map<string, Intl.NumberFormat>()

/** Cents as money in the store's currency, e.g. `$1,234.50`. */
export function formatMoney(cents: number, currency = 'USD'): string {
  let format = moneyFormats.get(currency)
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency })
    moneyFormats.set(currency, format)
  }
  return format.format(cents / 100)
}

export function formatCount(value: number): string {
  return new Intl.NumberFormat().format(value)
}

/** `14:32` in the viewer's clock. */
export function formatClock(time: number | string | Date): string {
  return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(new Date(time))
}

/** `Nov 26, 14:32` in the store's time zone (orders list). */
export function formatDateTime(time: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(time))
}
