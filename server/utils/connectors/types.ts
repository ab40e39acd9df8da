import type { PaymentMethod, Platform } from '~shared/types/api'
import type { ConnectionsTable } from '../db/connector-tables'

/** A line of a platform's sale, in minor units. */
export interface SaleItem { name: string, sku: string | null, quantity: number, unitPriceCents: number }

/**
 * What a platform event says about one sale, as Pulse uses it. `refs` are the platform's ids that name
 * the sale (the first one is its `externalId`): any of them finds the order another event made.
 */
export interface SaleFacts {
  kind: 'sale'
  refs: string[]
  url: string | null
  currency: string
  totalCents: number
  items: SaleItem[]
  customerName: string | null
  /** The sale is paid (with this method): a pending order takes the outstanding amount and becomes paid. */
  paid?: PaymentMethod
  /** The platform cancelled it: a pending order becomes cancelled. */
  cancelled?: boolean
  /** All that was refunded so far (cumulative): the increase over what Pulse has is refunded. */
  refundedTotalCents?: number
}

/** One refund of a sale (`refundId` makes it apply once whichever events carry it). */
export interface RefundFacts {
  kind: 'refund'
  refs: string[]
  refundId: string
  currency: string
  amountCents: number
}

export interface IgnoredFacts { kind: 'ignored', reason: string }

export type Facts = SaleFacts | RefundFacts | IgnoredFacts

/** A verified delivery read into what Pulse uses: its event id (for once), its type and its facts. */
export interface ParsedEvent {
  eventId: string
  eventType: string
  facts: Facts
}

/** What a platform's connector reads from a request. */
export interface WebhookRequest {
  connection: ConnectionsTable
  /** The body as received, byte for byte (signatures are over these bytes). */
  body: Buffer
  /** The body as UTF-8 text (what is stored for support, and parsed). */
  text: string
  headers: Headers
  /** The URL the platform posted to, as Pulse tells merchants to register it (Square signs it). */
  webhookUrl: string
  now: Date
}

/** One platform: how its deliveries are verified and read. */
export interface Connector {
  platform: Platform
  /** True when the request carries a valid signature by one of the connection's secrets. */
  verify: (request: WebhookRequest, secret: string) => Promise<boolean>
  /** Whether its refunds can arrive before their sale (then they are held until it does). */
  holdsRefunds: boolean
  /** The verified body as Pulse's facts; throws `InvalidPayload` for a body that is not the platform's JSON. */
  parse: (request: WebhookRequest) => ParsedEvent
}

export class InvalidPayload extends Error {}
