export interface PushVapidTable {
  id: string
  public_key: string
  private_key: string
  created_at: string
}

export interface PushSubscriptionsTable {
  id: string
  store_id: string
  user_id: string
  /** The session that subscribed: signing that session out removes the subscription. */
  session_id: string
  endpoint: string
  p256dh: string
  auth: string
  /** JSON of PushAlerts. */
  alerts: string
  user_agent: string | null
  /** BCP 47 locale the device's pushes are written in; null: English. */
  locale: string | null
  /** When the next daily summary is due (UTC ISO), null without `dailySummaryAt`. */
  summary_due_at: string | null
  created_at: string
  updated_at: string
}

/** How far the push worker has decided a store's event log. */
export interface PushCursorsTable {
  store_id: string
  last_seq: number
}

/** Pushes decided and not yet delivered: claimed by one instance at a time, deleted once sent. */
export interface PushOutboxTable {
  id: string
  subscription_id: string
  store_id: string
  kind: string
  /** Unique per subscription: deciding the same event twice cannot queue it twice. */
  dedupe_key: string
  order_id: string | null
  /** JSON of PushPayload. */
  payload: string
  not_before: string
  /** Until when an instance holds it (its send is in flight); null when free. */
  claimed_until: string | null
  attempts: number
  created_at: string
}

export interface PushTables {
  push_vapid: PushVapidTable
  push_subscriptions: PushSubscriptionsTable
  push_cursors: PushCursorsTable
  push_outbox: PushOutboxTable
}
