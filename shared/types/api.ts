import type { ActorType, AnalyticsRange, ApiKeyScope, Bucket, DeliveryOutcome, OrderSourceName, OrderStatus, PaymentMethod, Platform, Role, StreamEventType } from '../domain'
// Shapes of the JSON that the Pulse API sends, shared by the server and the client.
import type { ApiErrorCode } from '../errors'

export type { ActorType, AnalyticsRange, ApiKeyScope, Bucket, DeliveryOutcome, OrderSourceName, OrderStatus, PaymentMethod, Platform, Role, StreamEventType }
/** A fixed range, or `custom` with `from` and `to` (store-local business dates). */
export type ReportRange = AnalyticsRange | 'custom'
export type Comparison = 'previous' | 'last_year'

export interface User { id: string, email: string, storeId: string, createdAt: string }
export interface Store { id: string, name: string, timeZone: string, currency: string, createdAt: string }
export interface AuthResponse { user: User, store: Store, token: string }
/** `user` is null for a paired device or an API key; `permissions` lists what this principal may do. */
/** `storeCount`: the stores the principal can work in; `analyticsStoreCount`: those whose analytics it may read (any range). */
export interface MeResponse { user: User | null, store: Store, role?: Role | null, actor?: Actor, permissions?: string[], storeCount?: number, analyticsStoreCount?: number }
/** A store as `GET /stores` lists it, with the role there of who asks (null for an API key). */
export interface StoreAccess { id: string, name: string, timeZone: string, currency: string, role: Role | null }
export interface StoreList { stores: StoreAccess[] }
export interface SwitchStoreResponse { store: Store, role: Role }
/** `GET /auth/me` without a session cookie or token: signed out (200, not 401). */
export interface SignedOutResponse { user: null, store: null }

export interface OrderItem { name: string, sku: string | null, quantity: number, unitPriceCents: number, lineTotalCents: number }

/**
 * An order as the API returns it: its stream summary, plus what only the full view needs. Its `source` is
 * typed as the stream's, which is what the app reads; the API's also has the ids (`OrderSource`).
 */
export interface Order extends StreamOrder {
  refundedCents: number
  items: OrderItem[]
  note: string | null
  updatedAt: string
  /** Who created, cancelled or refunded the order (null for orders older than actors, or when it did not happen). */
  createdBy?: Actor | null
  cancelledBy?: Actor | null
  refundedBy?: Actor | null
}

export interface Payment { id: string, orderId: string, amountCents: number, method: PaymentMethod, createdAt: string, receivedBy?: Actor | null }
/** `total`: how many orders match the query's filters (all pages), when the list was asked with any. */
export interface OrderList { orders: Order[], nextCursor: string | null, total: number }
export interface PaymentResponse { payment: Payment, order: Order }

/** Money given back on a paid order, part or all of what is paid less refunded. */
export interface Refund { id: string, orderId: string, amountCents: number, reason: string | null, createdAt: string, refundedBy?: Actor | null }
export interface RefundResponse { refund: Refund, order: Order }

/** A product of the store's catalogue: the Create order form's buttons. */
export interface Product { id: string, name: string, sku: string | null, priceCents: number, category: string | null, archived: boolean, position: number, createdAt: string, updatedAt: string }
export interface ProductList { products: Product[] }

/** A range's figures (each defined once in docs/api.md), the stream's `lastSeq`, and what a query adds. */
export interface Summary extends SummaryFigures {
  range: ReportRange
  from: string
  to: string
  currency: string
  comparison?: SummaryComparison
  /** On `today` when the store has a daily goal. */
  goal?: Goal
  /** Orders created in the range (not cancelled) and their money collected, by where they came from. */
  bySource?: SourceTotal[]
  lastSeq: number
}

export interface MethodTotal { method: PaymentMethod, amountCents: number, count: number }
export interface SummaryFigures {
  revenueCents: number
  orderCount: number
  /** Total of the orders counted in orderCount: lets a client keep the average exact as orders arrive. */
  orderTotalCents: number
  averageOrderValueCents: number
  pendingOrderCount: number
  paidOrderCount: number
  cancelledOrderCount: number
  refundedCents: number
  /** Payments received in the range, before refunds, per method (every method present). */
  byMethod: MethodTotal[]
  /** Totals of the orders created in the range and not cancelled. */
  grossSalesCents: number
}
export interface SummaryComparison extends SummaryFigures { compare: Comparison, from: string, to: string }
/** One store's row of `GET /analytics/locations`: the figures of that store's own summary for the range. */
export interface LocationFigures {
  storeId: string
  name: string
  currency: string
  timeZone: string
  from: string
  to: string
  revenueCents: number
  orderCount: number
  orderTotalCents: number
  averageOrderValueCents: number
  pendingOrderCount: number
  comparison?: SummaryComparison
  lastSeq: number
}
/** Sums per currency: amounts in different currencies are never added together. */
export interface CurrencyTotals { currency: string, revenueCents: number, orderCount: number }
export interface Locations { range: ReportRange, stores: LocationFigures[], totals: CurrencyTotals[] }
export interface Goal { targetCents: number, collectedCents: number, expectedByNowCents: number }

export interface TimeseriesPoint { t: string, revenueCents: number, orderCount: number }
export interface Timeseries { range: ReportRange, bucket: Bucket, from: string, to: string, points: TimeseriesPoint[], comparison?: TimeseriesComparison, lastSeq: number }
/** `points[i]` is the bucket at the same offset from the comparison's start as the current `points[i]` (null past its end). */
export interface TimeseriesComparison { compare: Comparison, from: string, to: string, points: Array<TimeseriesPoint | null> }
export interface TopProduct { name: string, quantity: number, revenueCents: number }
export interface TopProducts { range: ReportRange, products: TopProduct[], lastSeq: number }

/** The order as the stream carries it: enough to update the numbers without a refetch. */
export interface StreamOrder {
  id: string
  number: number
  status: OrderStatus
  currency: string
  totalCents: number
  paidCents: number
  customerName: string | null
  createdAt: string
  /** The platform sale an order comes from (absent for orders made in Pulse or with an API key). */
  source?: StreamOrderSource
}

/** A line of an order as the stream carries it (no unit price: the views show quantity and line total). */
export interface StreamItem { name: string, sku: string | null, quantity: number, lineTotalCents: number }

/** A payment as `payment_received` carries it. */
export interface StreamPayment { id: string, amountCents: number, method: PaymentMethod }
/** A refund as `order_updated` carries it (partial or the last one). */
export interface StreamRefund { id: string, amountCents: number, reason: string | null }

/**
 * An order's lines as an event carries them: its first `STREAM_ITEMS_MAX` (50, shared/domain.ts) lines,
 * in order; `itemCount` is how many it has, `itemsTruncated` true when that is more than the lines carried
 * (fetch the order for the rest).
 */
export interface StreamLines { items: StreamItem[], itemCount: number, itemsTruncated: boolean }

/** What every event of the log carries: its seq in its store, when it happened, and the order as it is now. */
interface StreamEventHead {
  seq: number
  storeId: string
  at: string
  order: StreamOrder
  /** Who made the change (absent on events logged before changes recorded who made them). */
  actor?: Actor
}

/**
 * A new order: with its lines (absent only on events logged before lines were carried). `payment`: the
 * order came in already paid (a sale a platform took, then told Pulse of): its status is `paid`, and
 * this one event counts both the order and its payment.
 */
export interface OrderCreatedEvent extends StreamEventHead, Partial<StreamLines> {
  type: 'order_created'
  payment?: StreamPayment
}

export interface PaymentReceivedEvent extends StreamEventHead {
  type: 'payment_received'
  payment: StreamPayment
}

/**
 * A change of status, or a refund that leaves the status as it is. To cancelled it carries the lines
 * (what top products take back); to refunded or cancelled, or with `refund`, `refundedCents` is the money
 * given back by this change.
 */
export interface OrderUpdatedEvent extends StreamEventHead, Partial<StreamLines> {
  type: 'order_updated'
  previousStatus: OrderStatus
  refundedCents?: number
  refund?: StreamRefund
}

/**
 * An event of the live stream and of the event log, by `type`. A kind added here is a compile error in
 * every consumer's `switch` until it handles it (`unhandledEvent` in their `default`).
 */
export type StreamEvent = OrderCreatedEvent | PaymentReceivedEvent | OrderUpdatedEvent
/** The event of one kind. */
export type StreamEventOf<T extends StreamEvent['type']> = Extract<StreamEvent, { type: T }>
/** What a write emits: the event without what the log adds (seq, store, time). */
export type EmittedEvent = StreamEvent extends infer E ? E extends StreamEvent ? Omit<E, 'seq' | 'storeId' | 'at'> : never : never

/** `heartbeatMs`: how often the stream sends a heartbeat, so that the client can tell a stalled connection. */
export interface ConnectedEvent { connectionId: string, lastSeq: number, heartbeatMs: number }
/** What the client shows must be fetched afresh; on a stream over several stores, for `storeId` only. */
export interface ResetEvent { lastSeq: number, storeId?: string }
/** A stream over several stores: a store joined (`stores=all`), from `lastSeq` on. */
export interface StoreAddedEvent { storeId: string, lastSeq: number }
/** A stream over several stores: access to a store ended; nothing more of it arrives. */
export interface StoreRemovedEvent { storeId: string }
/** `connected` on a stream over several stores: the seq each store starts after. */
export interface MultiConnectedEvent { connectionId: string, stores: Array<{ storeId: string, lastSeq: number }> }
/** What a stream over several stores sends of its own besides the stores' events, by SSE event name. */
export interface MultiStreamFrames {
  connected: MultiConnectedEvent
  reset: Required<ResetEvent>
  store_added: StoreAddedEvent
  store_removed: StoreRemovedEvent
}

export interface HeatmapCell { weekday: number, hour: number, orderCount: number, revenueCents: number }
export interface Heatmap { range: ReportRange, from: string, to: string, cells: HeatmapCell[], lastSeq: number }

/** The store's settings: `dayStartsAt` is the local time its business day starts ("HH:00"). */
/** `staffCanSeeToday`: staff may read today's figures (default false: a till's staff see orders, not takings). */
export interface StoreSettings extends Store { dayStartsAt: string, dailyGoalCents: number | null, staffCanSeeToday: boolean }

/** Every error's body: `error` is a code of the catalogue (shared/errors.ts). */
export interface ApiError { error: ApiErrorCode, message: string }

// Roles, team, counter devices, API keys, actors.

/** Who did something: a signed-in member, a paired counter device or an API key (name as it was then). */
export interface Actor { type: ActorType, id: string, name: string }

/** One creator's share of a range (`actor` null: orders from before creators were recorded); rows add up to the summary. */
export interface ActorFigures { actor: Actor | null, orderCount: number, revenueCents: number, refundedCents: number }
export interface ByActor { range: ReportRange, from: string, to: string, actors: ActorFigures[] }

export interface TeamMember { userId: string, email: string, role: Role, createdAt: string, lastSeenAt: string | null }
export interface TeamList { members: TeamMember[] }
export interface Invitation { id: string, role: Role, email: string | null, createdAt: string, expiresAt: string }
export interface CreatedInvitation extends Invitation { token: string, url: string }
/** `POST /auth/invitation`: what an invitation link offers. */
export interface InvitationPreview { storeName: string, role: Role, email: string | null, expiresAt: string }
export interface PairingCode { code: string, expiresAt: string }
export interface Device { id: string, name: string, createdAt: string, lastSeenAt: string | null }
export interface ApiKey { id: string, name: string, scopes: ApiKeyScope[], prefix: string, createdAt: string, lastUsedAt: string | null }
export interface CreatedApiKey { id: string, name: string, scopes: ApiKeyScope[], prefix: string, key: string, createdAt: string }

// Connections to selling platforms.

/**
 * What the live views show of an order's platform sale: its chip and the link to it. Every event carries
 * it to every open dashboard, so it holds nothing more; the API's order has the whole `OrderSource`.
 */
export interface StreamOrderSource { platform: Platform, url: string | null }
/** The platform sale an order comes from, as the API's order gives it: the connection and the platform's id. */
export interface OrderSource extends StreamOrderSource { connectionId: string, externalId: string }
export interface SourceTotal { source: OrderSourceName, orderCount: number, revenueCents: number }

export interface Connection {
  id: string
  platform: Platform
  name: string
  webhookUrl: string
  createdAt: string
  lastEventAt: string | null
  /** `needs_secret` until the platform's signing secret is pasted; then `waiting` for the first event. */
  status: 'needs_secret' | 'waiting' | 'receiving' | 'failing'
  shopDomain?: string | null
}
/** The answer to creating a connection: a WooCommerce secret Pulse made is shown this once. */
export interface CreatedConnection extends Connection { signingSecret?: string }
export interface Delivery { receivedAt: string, platform: Platform, eventType: string, externalId: string | null, outcome: DeliveryOutcome, error?: string }
// The history import of a connection.
export type BackfillStatus = 'idle' | 'running' | 'done' | 'failed'
/** Where a connection's history import is: sales imported, skipped (already in Pulse, or not a sale), in other currencies. */
export interface Backfill {
  status: BackfillStatus
  since: string | null
  imported: number
  skipped: number
  otherCurrency: number
  startedAt: string | null
  finishedAt: string | null
  error?: string
  /** Whether the connection holds a read credential (the import needs one). */
  hasApiKey: boolean
}
/** A connection's state: counts by outcome, sales in other currencies (by currency), the last failures. */
export interface ConnectionStats {
  counts: Record<DeliveryOutcome, number>
  otherCurrency: Array<{ currency: string, count: number, amountCents: number }>
  lastFailures: Delivery[]
}
