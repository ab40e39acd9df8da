import type { StreamEvent, StreamOrder } from '~shared/types/api'
import { unhandledEvent } from '~shared/unhandled-event'

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
  const updated = () => feed.map(order => order.id === event.order.id ? { ...order, ...event.order } : order)
  switch (event.type) {
    case 'order_created': {
      const rest = feed.filter(order => order.id !== event.order.id)
      return { feed: [{ ...event.order, fresh: true }, ...rest].slice(0, size), chime: 'order' }
    }
    case 'payment_received':
      return { feed: updated(), chime: 'payment' }
    case 'order_updated':
      return { feed: updated(), chime: null }
    default:
      return unhandledEvent(event)
  }
}
