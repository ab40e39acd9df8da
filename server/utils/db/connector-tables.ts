import type { DeliveryOutcome, Platform } from '~shared/domain'

// Tables of connections to selling platforms, their deliveries, the platform ids of orders.

export interface ConnectionsTable {
  id: string
  store_id: string
  platform: Platform
  name: string
  /** The platform's webhook secret: kept as given (verifying an HMAC needs it), never returned nor logged; null until pasted. */
  signing_secret: string | null
  /** After a rotation, the secret before it keeps verifying until `previous_secret_until`. */
  previous_secret: string | null
  previous_secret_until: string | null
  shop_domain: string | null
  /** A read credential for the history import; never returned nor logged. */
  api_key: string | null
  created_by: string
  created_at: string
  last_event_at: string | null
  last_outcome: DeliveryOutcome | null
}

export interface ConnectorDeliveriesTable {
  id: string
  connection_id: string
  store_id: string
  received_at: string
  event_type: string
  event_key: string | null
  external_id: string | null
  outcome: DeliveryOutcome
  error: string | null
  currency: string | null
  amount_cents: number | null
  held_facts: string | null
  payload: string | null
}

export interface ConnectorLinksTable {
  connection_id: string
  external_ref: string
  order_id: string
}

export interface ConnectorTables {
  connections: ConnectionsTable
  connector_deliveries: ConnectorDeliveriesTable
  connector_links: ConnectorLinksTable
}
