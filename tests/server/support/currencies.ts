// Three stores whose currencies have 0, 3 and 2 minor-unit digits, and the same sale in each: two items,
// paid in full, then part refunded. Every amount is written out as people and spreadsheets read it.
export interface CurrencyCase {
  currency: string
  /** Minor units of one item; two are sold. */
  unit: number
  total: number
  refund: number
  /** As en-US writes the total, the refund and what is left collected (no-break space after a code). */
  shown: { total: string, refund: string, collected: string }
  /** As a person types the amounts in the forms: the total (the form's own offer) and the refund. */
  typed: { total: string, refund: string }
  /** The CSV export's plain decimals. */
  csv: { total: string, refunded: string }
}

export const CURRENCY_CASES: CurrencyCase[] = [
  {
    currency: 'JPY',
    unit: 600,
    total: 1200,
    refund: 500,
    shown: { total: '¥1,200', refund: '¥500', collected: '¥700' },
    typed: { total: '1200', refund: '500' },
    csv: { total: '1200', refunded: '500' },
  },
  {
    currency: 'KWD',
    unit: 625,
    total: 1250,
    refund: 500,
    shown: { total: 'KWD\u00A01.250', refund: 'KWD\u00A00.500', collected: 'KWD\u00A00.750' },
    typed: { total: '1.250', refund: '0.5' },
    csv: { total: '1.250', refunded: '0.500' },
  },
  {
    currency: 'USD',
    unit: 600,
    total: 1200,
    refund: 500,
    shown: { total: '$12.00', refund: '$5.00', collected: '$7.00' },
    typed: { total: '12.00', refund: '5' },
    csv: { total: '12.00', refunded: '5.00' },
  },
]
