import type { SearchableOrder } from '~shared/order-search'
import type { Order, OrderStatus } from '~shared/types/api'
import { matchesOrderSearch, parseOrderSearch } from '~shared/order-search'

/** What a merchant reads on an order: "Part paid" while some but not all of a pending order is paid. */
export type OrderLabel = OrderStatus | 'part-paid'

export function dueCents(order: Pick<Order, 'totalCents' | 'paidCents'>): number {
  return Math.max(0, order.totalCents - order.paidCents)
}

export function orderLabel(order: Pick<Order, 'status' | 'totalCents' | 'paidCents'>): OrderLabel {
  return order.status === 'pending' && order.paidCents > 0 && dueCents(order) > 0 ? 'part-paid' : order.status
}

export type StatusFilter = 'all' | OrderLabel

/** The filter's choices, in the list's order (their words: `labels.status.<value>`). */
export const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'pending', 'part-paid', 'paid', 'fulfilled', 'cancelled', 'refunded']

/** Whether an order is in a status filter ("Pending" includes part-paid ones). */
export function inStatusFilter(order: Pick<Order, 'status' | 'totalCents' | 'paidCents'>, status: StatusFilter): boolean {
  if (status === 'all')
    return true
  return status === 'pending' ? order.status === 'pending' : orderLabel(order) === status
}

/**
 * The orders that match a status filter and a search, by the rule the server searches with
 * (shared/order-search.ts): an order number (`1042`, `#1042`, or its start), an amount (`4.50`), or part of
 * the customer's or an item's name, any case. For orders that arrive live and for the offline copy.
 */
export function filterOrders<T extends Pick<Order, 'status' | 'totalCents' | 'paidCents'> & Partial<Pick<Order, 'currency'>> & SearchableOrder>(orders: T[], status: StatusFilter, search: string): T[] {
  // A store's orders share its currency: the amount is read in it.
  const parsed = parseOrderSearch(search, orders[0]?.currency)
  return orders.filter(order => inStatusFilter(order, status) && matchesOrderSearch(order, parsed))
}

/** The list query of a filter and a search (`?status=&q=`), empty when neither is set. */
export function orderListQuery(status: StatusFilter, search: string): string {
  const params = new URLSearchParams()
  if (status !== 'all')
    params.set('status', status === 'part-paid' ? 'part_paid' : status)
  if (search.trim())
    params.set('q', search.trim())
  const query = params.toString()
  return query ? `&${query}` : ''
}
