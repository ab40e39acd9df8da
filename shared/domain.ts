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

/** What the orders list filters by: a status, or `part_paid` (pending with some of it paid). */
export const ORDER_FILTERS = [...ORDER_STATUSES, 'part_paid'] as const
export type OrderFilter = (typeof ORDER_FILTERS)[number]

export const PAYMENT_METHODS = ['card', 'cash', 'other'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

export const ANALYTICS_RANGES = ['today', '7d', '30d', '90d'] as const
export type AnalyticsRange = (typeof ANALYTICS_RANGES)[number]

export const BUCKETS = ['hour', 'day'] as const
export type Bucket = (typeof BUCKETS)[number]

/** At most this many lines of an order ride on a stream event (an order may have 200): the first ones, in order. */
export const STREAM_ITEMS_MAX = 50

/** How many products a store's catalogue may hold (archived ones included). */
export const MAX_PRODUCTS = 500

/**
 * The events of the live stream that carry an order change (besides `connected`, `reset` and `heartbeat`):
 * the kinds of `StreamEvent` (shared/types/api.ts), each decoded by its own schema (shared/schemas/stream-event.ts).
 */
export const STREAM_EVENT_TYPES = ['order_created', 'payment_received', 'order_updated'] as const
export type StreamEventType = (typeof STREAM_EVENT_TYPES)[number]

/** A member's role in a store; `display` is a paired counter device's. */
export const ROLES = ['owner', 'manager', 'staff', 'display'] as const
export type Role = (typeof ROLES)[number]

/** The roles a person can be invited to or given (a display is a device, never a person). */
export const MEMBER_ROLES = ['owner', 'manager', 'staff'] as const satisfies readonly Role[]

export const API_KEY_SCOPES = ['orders:write', 'orders:read', 'analytics:read', 'events:read'] as const
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number]

/** Who can be the actor of a change. */
export const ACTOR_TYPES = ['user', 'device', 'api_key', 'connection'] as const
export type ActorType = (typeof ACTOR_TYPES)[number]

/** Characters of a pairing code: no 0/O nor 1/I, which people mistake for each other. */
export const PAIRING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'

/** Everything a request can be refused; each route asks for one (the table of who may: server/utils/auth/access/permissions.ts). */
export const ACTIONS = [
  'orders:read',
  'orders:create',
  'orders:pay',
  'orders:fulfil',
  'orders:cancel',
  'orders:refund',
  'analytics:read',
  'analytics:read_today',
  'events:read',
  'team:read',
  'team:manage',
  'devices:manage',
  'api_keys:manage',
  'settings:read',
  'settings:manage',
  'exports:read',
  'notifications:manage',
  'connections:read',
  'connections:manage',
  'products:read',
  'products:manage',
] as const
export type Action = (typeof ACTIONS)[number]

/** The action that moving an order to a status needs (refunding needs more than fulfilling). */
export const STATUS_ACTIONS: Readonly<Record<OrderStatus, Action>> = {
  pending: 'orders:create',
  paid: 'orders:pay',
  fulfilled: 'orders:fulfil',
  cancelled: 'orders:cancel',
  refunded: 'orders:refund',
}

/** The selling platforms Pulse takes sales from through their webhooks. */
export const PLATFORMS = ['stripe', 'shopify', 'square', 'woocommerce'] as const
export type Platform = (typeof PLATFORMS)[number]
export const PLATFORM_LABELS: Readonly<Record<Platform, string>> = { stripe: 'Stripe', shopify: 'Shopify', square: 'Square', woocommerce: 'WooCommerce' }

/** Where an order came from, as `bySource` counts it: typed into Pulse, posted with an API key, or a platform. */
export const ORDER_SOURCES = ['pulse', 'api', ...PLATFORMS] as const
export type OrderSourceName = (typeof ORDER_SOURCES)[number]

/** What became of a webhook delivery. */
export const DELIVERY_OUTCOMES = ['applied', 'duplicate', 'ignored', 'other_currency', 'held', 'failed'] as const
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number]
