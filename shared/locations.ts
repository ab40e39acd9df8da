import type { CurrencyTotals, LocationFigures } from './types/api'

/** The rows by revenue (highest first), then by name; a new array. */
export function sortLocations(rows: readonly LocationFigures[]): LocationFigures[] {
  return [...rows].sort((a, b) => b.revenueCents - a.revenueCents || a.name.localeCompare(b.name))
}

/** Sums per currency, by currency code: amounts in different currencies are never added together. */
export function currencyTotals(rows: readonly LocationFigures[]): CurrencyTotals[] {
  const totals = new Map<string, CurrencyTotals>()
  for (const row of rows) {
    const sum = totals.get(row.currency) ?? { currency: row.currency, revenueCents: 0, orderCount: 0 }
    sum.revenueCents += row.revenueCents
    sum.orderCount += row.orderCount
    totals.set(row.currency, sum)
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency))
}
