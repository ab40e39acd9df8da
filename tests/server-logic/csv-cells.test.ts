import { describe, expect, it } from 'vitest'
import { formatAmount } from '~server/utils/exports/format-amount'
import { localTimestamp } from '~server/utils/exports/local-timestamp'
import { neutralizeCell } from '~server/utils/exports/neutralize-cell'

describe('csv cells', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const value of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '\u200B=1+1', '\uFEFF@SUM(A1)', '\u200E\u200F+1', '\u2060\u202E-1', '\u200D\u200C\t=1'])
      expect(neutralizeCell(value)).toBe(`'${value}`)
    for (const value of ['Latte', '1 × Latte', '', 'a=b', ' =1', '\u200BLatte', 'a\u200B=1'])
      expect(neutralizeCell(value)).toBe(value)
  })

  it('formats amounts in the currency\'s minor units', () => {
    expect(formatAmount(1234, 'USD')).toBe('12.34')
    expect(formatAmount(5, 'EUR')).toBe('0.05')
    expect(formatAmount(0, 'USD')).toBe('0.00')
    expect(formatAmount(1234, 'JPY')).toBe('1234')
    expect(formatAmount(1234, 'KWD')).toBe('1.234')
    expect(formatAmount(-250, 'USD')).toBe('-2.50')
  })

  it('writes times in the store\'s zone', () => {
    expect(localTimestamp('2026-11-01T05:30:00.000Z', 'America/New_York')).toBe('2026-11-01 01:30:00')
    expect(localTimestamp('2026-11-01T06:30:00.000Z', 'America/New_York')).toBe('2026-11-01 01:30:00')
    expect(localTimestamp('2026-11-24T18:40:07.000Z', 'Asia/Kolkata')).toBe('2026-11-25 00:10:07')
  })
})
