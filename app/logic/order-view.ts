import type { Order, OrderStatus } from '~shared/types/api'

/** What a merchant reads on an order: "Part paid" while some but not all of a pending order is paid. */
export type OrderLabel = OrderStatus | 'part-paid'

export function dueCents(order: Pick<Order, 'totalCents' | 'paidCents'>): number {
  return Math.max(0, order.totalCents - order.paidCents)
}

export function orderLabel(order: Pick<Order, 'status' | 'totalCents' | 'paidCents'>): OrderLabel {
  return order.status === 'pending' && order.paidCents > 0 && dueCents(order) > 0 ? 'part-paid' : order.status
}

export type StatusFilter = 'all' | OrderLabel

export const STATUS_FILTERS: Array<{ value: StatusFilter, label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'pending', label: 'Pending' },
  { value: 'part-paid', label: 'Part paid' },
  { value: 'paid', label: 'Paid' },
  { value: 'fulfilled', label: 'Fulfilled' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'refunded', label: 'Refunded' },
]

/**
 * The loaded orders that match a status filter ("Pending" includes part-paid ones) and a search: an
 * order number (`1042`, `#1042`, or its start) or part of the customer's name, any case.
 */
export function filterOrders<T extends Pick<Order, 'status' | 'totalCents' | 'paidCents' | 'number' | 'customerName'>>(orders: T[], status: StatusFilter, search: string): T[] {
  const query = search.trim().toLowerCase()
  const digits = /^#?\d+$/.test(query) ? query.replace('#', '') : null
  return orders.filter((order) => {
    if (status !== 'all') {
      const label = orderLabel(order)
      if (status === 'pending' ? order.status !== 'pending' : label !== status)
        return false
    }
    if (!query)
      return true
    if (digits !== null && String(order.number).startsWith(digits))
      return true
    return (order.customerName ?? '').toLowerCase().includes(query)
  })
}
