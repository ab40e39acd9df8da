// The closed lists of Pulse's domain, one source each: the types in `types/api.ts`, the request schemas,
// the stream (server and client) and the metrics all derive from these.

export const ORDER_STATUSES = ['pending', 'paid', 'fulfilled', 'cancelled', 'refunded'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

/** Where an order can go from each status: the status machine that the server enforces and the app offers. */
export const NEXT_STATUSES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ['paid', 'cancelled'],
  paid: ['fulfilled', 'refunded'],
  fulfilled: ['refunded'],
  cancelled: [],
  refunded: [],
}

export const PAYMENT_METHODS = ['card', 'cash', 'other'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

export const ANALYTICS_RANGES = ['today', '7d', '30d', '90d'] as const
export type AnalyticsRange = (typeof ANALYTICS_RANGES)[number]

export const BUCKETS = ['hour', 'day'] as const
export type Bucket = (typeof BUCKETS)[number]

/** The events of the live stream that carry an order change (besides `connected`, `reset` and `heartbeat`). */
export const STREAM_EVENT_TYPES = ['order_created', 'payment_received', 'order_updated'] as const
export type StreamEventType = (typeof STREAM_EVENT_TYPES)[number]
