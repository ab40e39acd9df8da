// Amounts are kept in the currency's minor units by ISO 4217: cents for USD and EUR, whole yen for JPY
// and won for KRW (no minor unit), fils for KWD (three digits).

const digitsCache = new Map<string, number>()

/** How many digits the currency's minor unit has (2 for USD, 0 for JPY and KRW, 3 for KWD). */
export function minorUnitDigits(currency: string): number {
  const code = currency.toUpperCase()
  let digits = digitsCache.get(code)
  if (digits === undefined) {
    // ECMA-402 defines a currency's digits as its ISO 4217 minor unit.
    digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2
    digitsCache.set(code, digits)
  }
  return digits
}

/**
 * A decimal amount as the platforms write it ("409.94", "1000", "-10.00") in minor units, exactly (no
 * binary floating point); undefined when it is no decimal number or has more digits than the currency.
 */
export function decimalToMinor(amount: string | number, currency: string): number | undefined {
  const text = typeof amount === 'number' ? String(amount) : amount.trim()
  const match = /^(-?)(\d{1,15})(?:\.(\d+))?$/.exec(text)
  if (!match)
    return undefined
  const digits = minorUnitDigits(currency)
  const fraction = (match[3] ?? '').replace(/0+$/, '')
  if (fraction.length > digits)
    return undefined
  const minor = Number(match[2]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
  return match[1] ? -minor : minor
}

/** Minor units as a number of the currency's major units (for display). */
export function minorToMajor(minor: number, currency: string): number {
  return minor / 10 ** minorUnitDigits(currency)
}
