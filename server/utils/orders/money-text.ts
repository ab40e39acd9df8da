import { minorToMajor } from '~shared/money'

/** An amount in minor units as people read it in messages, in the order's currency (`400` USD → `$4.00`, `1200` JPY → `¥1,200`). */
export function moneyText(minorUnits: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minorToMajor(minorUnits, currency))
}
