import { formatAmount } from '../exports/format-amount'

/** An amount in minor units as people read it in messages, in the order's currency (`400` USD → `$4.00`). */
export function moneyText(minorUnits: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(Number(formatAmount(minorUnits, currency)))
}
