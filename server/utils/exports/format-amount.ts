/** An amount in minor units as a plain decimal in its currency (`1234` USD → `12.34`), exact, no grouping. */
export { minorToDecimal as formatAmount } from '~shared/money'
