import type { Product } from '~shared/types/api'

/** From this many products, with more than one category, the order form shows the categories as tabs. */
export const TABS_FROM = 9

/** The label of products without a category, when the others have one. */
export const OTHER_CATEGORY = 'Other'

/**
 * The order form's category tabs: `null` when the products fit on a screen or share one category,
 * else "All" and the categories in the order their first product appears.
 */
export function categoryTabs(products: readonly Pick<Product, 'category'>[]): string[] | null {
  const categories = [...new Set(products.map(product => product.category ?? OTHER_CATEGORY))]
  if (products.length < TABS_FROM || categories.length < 2)
    return null
  return ['All', ...categories]
}

/** The products a tab shows ("All" or no tabs: every one). */
export function productsInTab<T extends Pick<Product, 'category'>>(products: readonly T[], tab: string | null): T[] {
  if (!tab || tab === 'All')
    return [...products]
  return products.filter(product => (product.category ?? OTHER_CATEGORY) === tab)
}

/** Moves the item at `from` to `to` (a reorder by one step or more); the list is copied. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const moved = [...list]
  const [item] = moved.splice(from, 1)
  moved.splice(Math.max(0, Math.min(to, moved.length)), 0, item)
  return moved
}

/** The message key of what to say when `parseMoney` finds no amount. */
export const AMOUNT_MESSAGE_KEY = 'common.enterAmount'

/** A typed amount in the currency's minor units ("12,50" USD → 1250, "1,200" JPY → 1200); null when it is not an amount. */
export { parseMinorInput as parseMoney } from '~shared/money'
