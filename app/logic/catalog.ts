/**
 * What the Create order form offers. The API has no product catalogue yet (orders carry free-form items),
 * so the app ships the demo store's menu; "Custom item" covers anything else.
 */
export interface CatalogProduct { name: string, sku: string, unitPriceCents: number }

export const CATALOG: readonly CatalogProduct[] = [
  { name: 'Latte', sku: 'LAT', unitPriceCents: 450 },
  { name: 'Cappuccino', sku: 'CAP', unitPriceCents: 425 },
  { name: 'Espresso', sku: 'ESP', unitPriceCents: 300 },
  { name: 'Flat White', sku: 'FLW', unitPriceCents: 440 },
  { name: 'Cold Brew', sku: 'CBR', unitPriceCents: 475 },
  { name: 'Chai Latte', sku: 'CHA', unitPriceCents: 460 },
  { name: 'Hot Chocolate', sku: 'HCH', unitPriceCents: 400 },
  { name: 'Croissant', sku: 'CRO', unitPriceCents: 350 },
  { name: 'Blueberry Muffin', sku: 'MUF', unitPriceCents: 325 },
  { name: 'Bagel', sku: 'BAG', unitPriceCents: 300 },
  { name: 'Coffee Beans 250 g', sku: 'BNS', unitPriceCents: 1600 },
]

/** "12.50" or "12,50" → 1250; null when it is not an amount. */
export function parseMoney(input: string): number | null {
  const normalized = input.trim().replace(/[^\d.,]/g, '').replace(',', '.')
  if (!/^\d+(?:\.\d{0,2})?$/.test(normalized))
    return null
  return Math.round(Number(normalized) * 100)
}
