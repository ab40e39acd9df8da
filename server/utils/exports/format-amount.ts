const digitsCache = new Map<string, number>()

/** Minor-unit digits of a currency (USD 2, JPY 0, KWD 3), from Intl's ISO 4217 data. */
function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency)
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
    }
    catch {
      digits = 2
    }
    digitsCache.set(currency, digits)
  }
  return digits
}

/** An amount in minor units as a plain decimal in its currency (`1234` USD → `12.34`), exact, no grouping. */
export function formatAmount(minorUnits: number, currency: string): string {
  const digits = minorDigits(currency)
  const sign = minorUnits < 0 ? '-' : ''
  const text = String(Math.abs(Math.trunc(minorUnits))).padStart(digits + 1, '0')
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`
}
