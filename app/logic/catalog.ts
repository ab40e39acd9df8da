import { DEMO_CATALOG } from '~shared/demo-catalog'

/**
 * What the Create order form offers. The API has no product catalogue yet (orders carry free-form items),
 * so the app ships the demo store's menu; "Custom item" covers anything else.
 */
export interface CatalogProduct { name: string, sku: string, unitPriceCents: number }

export const CATALOG: readonly CatalogProduct[] = DEMO_CATALOG

/** What to say when `parseMoney` finds no amount. */
export const AMOUNT_MESSAGE = 'Enter an amount, e.g. 4.50.'

/** "12.50" or "12,50" → 1250; null when it is not an amount. */
export function parseMoney(input: string): number | null {
  const normalized = input.trim().replace(/[^\d.,]/g, '').replace(',', '.')
  if (!/^\d+(?:\.\d{0,2})?$/.test(normalized))
    return null
  return Math.round(Number(normalized) * 100)
}
