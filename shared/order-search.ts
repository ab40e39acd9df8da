export { orderSearchText } from './search-text.mjs'

// What a search of the orders list means, one rule for the server's query (server/utils/orders/
// search-orders.ts) and the app's matching of orders that arrive live or come from the offline cache.

/** A parsed search: text to find in the customer's name or an item's name, a number prefix, an amount. */
export interface OrderSearch {
  /** Lower case, trimmed; empty when there is nothing to search. */
  text: string
  /** Digits an order number starts with (`1042`, `#1042`). */
  numberPrefix: string | null
  /** An amount in cents the order's total equals (`4.50`, `$4.50`, `4,50`, `12` → 1200). */
  amountCents: number | null
}

const NUMBER = /^#?(\d{1,15})$/
// An optional currency sign or code around the amount; at most two decimals, with a point or a comma.
const AMOUNT = /^[^\d\s.,]{0,4}\s?(\d{1,11})(?:[.,](\d{1,2}))?\s?[^\d\s.,]{0,4}$/

export function parseOrderSearch(query: string | undefined | null): OrderSearch {
  const text = (query ?? '').trim().toLowerCase()
  const number = NUMBER.exec(text)
  const amount = AMOUNT.exec(text)
  return {
    text,
    numberPrefix: number ? number[1] : null,
    amountCents: amount && !text.startsWith('#') ? Number(amount[1]) * 100 + Number((amount[2] ?? '').padEnd(2, '0')) : null,
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
