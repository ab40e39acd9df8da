import type { StreamEvent, StreamOrder } from '~shared/types/api'

/** An order of the counter's latest orders; `fresh` when it arrived live (it flashes once). */
export type FeedOrder = StreamOrder & { fresh?: boolean }

export interface FeedUpdate {
  feed: FeedOrder[]
  /** The chime the event rings: a new order, a payment, or none. */
  chime: 'order' | 'payment' | null
}

/**
 * What a new stream event does to the counter's latest orders (newest first, at most `size`): a new order
 * joins at the top, a change updates the order where it is shown. Today's figures are applyEvent's.
 */
export function feedEvent(feed: readonly FeedOrder[], event: StreamEvent, size: number): FeedUpdate {
  if (event.type === 'order_created') {
    const rest = feed.filter(order => order.id !== event.order.id)
    return { feed: [{ ...event.order, fresh: true }, ...rest].slice(0, size), chime: 'order' }
  }
  return {
    feed: feed.map(order => order.id === event.order.id ? { ...order, ...event.order } : order),
    chime: event.type === 'payment_received' && event.payment ? 'payment' : null,
  }
}
