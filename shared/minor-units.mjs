// Plain JavaScript (with minor-units.d.mts) so that the simulator, in .mjs, reads amounts as the app does.

const digitsCache = new Map()

/** How many digits the currency's minor unit has (2 for USD, 0 for JPY and KRW, 3 for KWD). */
export function minorUnitDigits(currency) {
  const code = currency.toUpperCase()
  let digits = digitsCache.get(code)
  if (digits === undefined) {
    try {
      // ECMA-402 defines a currency's digits as its ISO 4217 minor unit.
      digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2
    }
    catch {
      // Not a well-formed code (old rows, a platform's typo): two digits, as most currencies have.
      digits = 2
    }
    digitsCache.set(code, digits)
  }
  return digits
}

/** Minor units as a number of the currency's major units (for display). */
export function minorToMajor(minor, currency) {
  return minor / 10 ** minorUnitDigits(currency)
}
