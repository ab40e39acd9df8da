import type { Generated } from 'kysely'
import type { OrderStatus, PaymentMethod, Platform } from '~shared/domain'
import type { BackfillTables } from './backfill-tables'
import type { ConnectorTables } from './connector-tables'
import type { PushTables } from './push-tables'
import type { TeamTables } from './team-tables'

export interface StoresTable {
  id: string
  name: string
  time_zone: string
  currency: string
  next_order_number: number
  last_seq: number
  created_at: string
  /** Local minute of the day the store's business day starts at (a whole hour; 0 by default). */
  day_start_minutes?: number
  daily_goal_cents?: number | null
  /** 1: staff may read today's figures (the owner's choice). */
  staff_can_see_today?: number
}

export interface UsersTable {
  id: string
  store_id: string
  email: string
  password_hash: string
  created_at: string
}

export interface OrdersTable {
  id: string
  store_id: string
  number: number
  status: OrderStatus
  currency: string
  total_cents: number
  paid_cents: number
  refunded_cents: number
  customer_name: string | null
  note: string | null
  /** Start of the store-local hour the order was created in: the rollup row it counts in. */
  bucket: string
  created_at: string
  updated_at: string
  refunded_at: string | null
  /** Actors (JSON of `Actor`); null on orders from before actors were recorded. */
  created_by?: string | null
  cancelled_by?: string | null
  refunded_by?: string | null
  /** The platform of an order from a connection (null for Pulse and API orders), and its `OrderSource` (JSON). */
  source_platform?: Platform | null
  source?: string | null
  /** What an orders search's text is matched against: `orderSearchText` of its customer and items. */
  search_text?: string | null
}

export interface OrderItemsTable {
  order_id: string
  position: number
  store_id: string
  name: string
  sku: string | null
  quantity: number
  unit_price_cents: number
  line_total_cents: number
}

export interface PaymentsTable {
  id: string
  order_id: string
  store_id: string
  amount_cents: number
  method: PaymentMethod
  created_at: string
  received_by?: string | null
}

export interface EventsTable {
  store_id: string
  seq: number
  type: string
  payload: string
  created_at: string
}

export interface IdempotencyKeysTable {
  store_id: string
  key: string
  request_hash: string
  order_id: string
  created_at: string
}

export interface RollupsHourlyTable {
  store_id: string
  bucket: string
  revenue_cents: Generated<number>
  refunded_cents: Generated<number>
  payment_count: Generated<number>
  order_count: Generated<number>
  order_total_cents: Generated<number>
  pending_count: Generated<number>
  paid_count: Generated<number>
  fulfilled_count: Generated<number>
  cancelled_count: Generated<number>
  refunded_count: Generated<number>
  method_card_cents: Generated<number>
  method_card_count: Generated<number>
  method_cash_cents: Generated<number>
  method_cash_count: Generated<number>
  method_other_cents: Generated<number>
  method_other_count: Generated<number>
}

/** The hourly rollups of one store-local calendar date summed: exactly the sum of that date's rows of rollups_hourly. */
export type RollupsDailyTable = Omit<RollupsHourlyTable, 'bucket'> & {
  /** The buckets' local calendar date in the store's zone, `YYYY-MM-DD`. */
  day: string
}

export interface RollupsProductHourlyTable {
  store_id: string
  bucket: string
  product: string
  quantity: number
  revenue_cents: number
}

/** A product of a store's catalogue; `archived` 1 keeps it out of the order form. */
export interface ProductsTable {
  id: string
  store_id: string
  name: string
  sku: string | null
  price_cents: number
  category: string | null
  archived: number
  position: number
  created_at: string
  updated_at: string
}

/** Money given back on an order: their sum is the order's `refunded_cents`. */
export interface RefundsTable {
  id: string
  order_id: string
  store_id: string
  amount_cents: number
  reason: string | null
  created_at: string
  /** JSON of `Actor`. */
  refunded_by: string | null
}

export interface RateCountersTable {
  key: string
  count: number
  /** Epoch milliseconds at which the window of this counter ends. */
  reset_at: number
}

export interface Database extends PushTables, TeamTables, ConnectorTables, BackfillTables {
  stores: StoresTable
  users: UsersTable
  orders: OrdersTable
  order_items: OrderItemsTable
  payments: PaymentsTable
  events: EventsTable
  idempotency_keys: IdempotencyKeysTable
  rollups_hourly: RollupsHourlyTable
  rollups_daily: RollupsDailyTable
  rollups_product_hourly: RollupsProductHourlyTable
  rate_counters: RateCountersTable
  products: ProductsTable
  refunds: RefundsTable
}
