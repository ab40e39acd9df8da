import { describe, expect, it } from 'vitest'
import { decimalToMinor, minorToInput, minorToMajor, minorUnitDigits, parseMinorInput } from '../../shared/money'

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
    expect([minorToInput(1250, 'USD'), minorToInput(1200, 'JPY'), minorToInput(1250, 'KWD')]).toEqual(['12.50', '1200', '1.250'])
    expect([minorToMajor(1200, 'JPY'), minorToMajor(1250, 'KWD'), minorToMajor(1250, 'USD')]).toEqual([1200, 1.25, 12.5])
    for (const currency of ['USD', 'JPY', 'KWD'])
      expect(parseMinorInput(minorToInput(123456, currency), currency)).toBe(123456)
    expect(decimalToMinor('1.250', 'KWD')).toBe(1250)
  })
})
