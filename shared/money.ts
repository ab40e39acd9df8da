// Amounts are kept in the currency's minor units by ISO 4217: cents for USD and EUR, whole yen for JPY
// and won for KRW (no minor unit), fils for KWD (three digits).

import { minorToMajor, minorUnitDigits } from './minor-units.mjs'

export { minorToMajor, minorUnitDigits }

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

/**
 * What a person typed as an amount ("12.50", "12,50", "1,234.50", "¥1,200") in minor units; null when it
 * is no amount of this currency. A separator followed by at most the currency's digits is its decimal
 * point; every other separator groups thousands (so "1,200" is ¥1200, and $1,200 but $12.50 for "12,50").
 */
export function parseMinorInput(input: string, currency: string): number | null {
  const text = input.trim().replace(/[^\d.,]/g, '')
  const digits = minorUnitDigits(currency)
  const match = /^([\d.,]*?)(?:[.,](\d*))?$/.exec(text)
  if (!text || !match)
    return null
  let whole = match[1]
  let fraction = match[2] ?? ''
  // A last group of more digits than the currency has is thousands, not a fraction.
  if (fraction.length > digits) {
    whole = text
    fraction = ''
  }
  if (!/^\d{1,3}(?:[.,]\d{3})*$|^\d+$/.test(whole) && !(whole === '' && fraction !== ''))
    return null
  const minor = decimalToMinor(`${whole.replace(/[.,]/g, '') || '0'}${fraction ? `.${fraction}` : ''}`, currency)
  return minor === undefined ? null : minor
}

/** Minor units as a plain decimal, exact, no grouping (CSV, the amount a form offers to edit): `1234` USD → `12.34`, `1200` JPY → `1200`, `1250` KWD → `1.250`. */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = minorUnitDigits(currency)
  const sign = minor < 0 ? '-' : ''
  const text = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0')
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`
}

const moneyFormats = new Map<string, Intl.NumberFormat>()

/**
 * Minor units as money in `locale` (`400` USD → `$4.00`, `1200` JPY → `¥1,200`), for texts the server
 * writes: error messages (en-US) and pushes (the device's language). The formatter is built once per
 * locale and currency.
 */
export function formatMinor(minor: number, currency: string, locale = 'en-US'): string {
  const key = `${locale} ${currency}`
  let format = moneyFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency })
    moneyFormats.set(key, format)
  }
  return format.format(minorToMajor(minor, currency))
}
