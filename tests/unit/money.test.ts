import { describe, expect, it } from 'vitest'
import { decimalToMinor, formatMinor, minorToDecimal, minorToMajor, minorUnitDigits, parseMinorInput } from '../../shared/money'

describe('money in the currency\'s minor units', () => {
  it('knows each currency\'s ISO 4217 digits', () => {
    expect([minorUnitDigits('USD'), minorUnitDigits('jpy'), minorUnitDigits('KRW'), minorUnitDigits('KWD'), minorUnitDigits('BHD')]).toEqual([2, 0, 0, 3, 3])
  })

  it('reads what a person typed in the currency\'s own unit', () => {
    const cases: Array<[string, string, number | null]> = [
      ['12.50', 'USD', 1250],
      ['12,50', 'USD', 1250],
      ['$1,234.50', 'USD', 123450],
      ['1,234', 'USD', 123400],
      ['12', 'USD', 1200],
      ['.5', 'USD', 50],
      ['¥1,200', 'JPY', 1200],
      ['1200', 'JPY', 1200],
      ['1.200', 'JPY', 1200],
      ['12.5', 'JPY', null],
      ['1.250', 'KWD', 1250],
      ['1,5', 'KWD', 1500],
      ['12.345', 'USD', 1234500],
      ['1.2.3', 'USD', null],
      ['abc', 'USD', null],
      ['', 'USD', null],
    ]
    for (const [input, currency, minor] of cases)
      expect([input, currency, parseMinorInput(input, currency)]).toEqual([input, currency, minor])
  })

  it('writes an amount back for a form, and for display, in the same unit', () => {
    expect([minorToDecimal(1250, 'USD'), minorToDecimal(1200, 'JPY'), minorToDecimal(1250, 'KWD')]).toEqual(['12.50', '1200', '1.250'])
    expect([minorToMajor(1200, 'JPY'), minorToMajor(1250, 'KWD'), minorToMajor(1250, 'USD')]).toEqual([1200, 1.25, 12.5])
    for (const currency of ['USD', 'JPY', 'KWD'])
      expect(parseMinorInput(minorToDecimal(123456, currency), currency)).toBe(123456)
    expect(decimalToMinor('1.250', 'KWD')).toBe(1250)
  })

  it('writes money for the server\'s texts in a locale, by the currency\'s digits', () => {
    // Intl puts a no-break space between a code or a trailing symbol and the amount.
    const plain = (text: string) => text.replace(/\s/g, ' ')
    expect([formatMinor(400, 'USD'), formatMinor(1200, 'JPY'), formatMinor(1250, 'KWD')].map(plain)).toEqual(['$4.00', '¥1,200', 'KWD 1.250'])
    expect(plain(formatMinor(123450, 'EUR', 'de-DE'))).toBe('1.234,50 €')
  })
})

describe('the app\'s money formats in the currency\'s own unit', () => {
  it('shows full, short and chart-axis amounts of yen, dinars and dollars', async () => {
    const { formatCompactMoney, formatMoney, formatShortMoney } = await import('../../app/logic/format')
    const { comparisonRevenue } = await import('../../app/logic/insights')
    expect([formatMoney(1200, 'JPY'), formatMoney(1250, 'KWD'), formatMoney(1250, 'USD')]).toEqual(['¥1,200', 'KWD\u00A01.250', '$12.50'])
    // "Short" starts at 10,000 whole units of each currency.
    expect([formatShortMoney(9_999, 'JPY'), formatShortMoney(14_300, 'JPY'), formatShortMoney(1_430_000, 'USD'), formatShortMoney(999_999, 'USD')]).toEqual(['¥9,999', '¥14.3K', '$14.3K', '$9,999.99'])
    const series = { points: [{ t: '2026-12-01T00:00:00Z', revenueCents: 1200, orderCount: 1 }], comparison: { points: [{ t: '2026-11-30T00:00:00Z', revenueCents: 2400, orderCount: 2 }] } }
    expect(comparisonRevenue(series as never, 'JPY')).toEqual([2400])
    expect(comparisonRevenue(series as never, 'KWD')).toEqual([2.4])
    expect(formatCompactMoney(2400, 'JPY')).toBe('¥2.4K')
  })
})
