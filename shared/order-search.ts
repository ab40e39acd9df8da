import { decimalToMinor } from './money'

export { orderSearchText } from './search-text.mjs'

// What a search of the orders list means, one rule for the server's query (server/utils/orders/
// search-orders.ts) and the app's matching of orders that arrive live or come from the offline cache.

/** A parsed search: text to find in the customer's name or an item's name, a number prefix, an amount. */
export interface OrderSearch {
  /** Lower case, trimmed; empty when there is nothing to search. */
  text: string
  /** Digits an order number starts with (`1042`, `#1042`). */
  numberPrefix: string | null
  /** An amount in the currency's minor units the order's total equals (`4.50`, `$4.50`, `4,50`, `12` → 1200 in USD; `1200` → 1200 in JPY). */
  amountCents: number | null
}

const NUMBER = /^#?(\d{1,15})$/
// An optional currency sign or code around the amount; at most three decimals (as many as the currency has), with a point or a comma.
const AMOUNT = /^[^\d\s.,]{0,4}\s?(\d{1,11})(?:[.,](\d{1,3}))?\s?[^\d\s.,]{0,4}$/

/** A search as typed, with its amount read in `currency` (the store's). */
export function parseOrderSearch(query: string | undefined | null, currency = 'USD'): OrderSearch {
  const text = (query ?? '').trim().toLowerCase()
  const number = NUMBER.exec(text)
  const amount = AMOUNT.exec(text)
  return {
    text,
    numberPrefix: number ? number[1] : null,
    amountCents: amount && !text.startsWith('#') ? decimalToMinor(`${amount[1]}${amount[2] ? `.${amount[2]}` : ''}`, currency) ?? null : null,
  }
}

export interface SearchableOrder {
  number: number
  totalCents: number
  customerName: string | null
  items: ReadonlyArray<{ name: string }>
}

/** Whether an order matches a search: its number starts with it, its total is the amount, or its customer or an item contains the text. */
export function matchesOrderSearch(order: SearchableOrder, search: OrderSearch): boolean {
  if (!search.text)
    return true
  if (search.numberPrefix !== null && String(order.number).startsWith(search.numberPrefix))
    return true
  if (search.amountCents !== null && order.totalCents === search.amountCents)
    return true
  return (order.customerName ?? '').toLowerCase().includes(search.text)
    || order.items.some(item => item.name.toLowerCase().includes(search.text))
}
