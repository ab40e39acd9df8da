// Shapes of the Web Push API, shared by the server and the client.

export interface PushAlerts {
  newOrders: boolean
  payments: boolean
  /** Orders (and their payments) below this total send nothing. */
  minOrderCents: number | null
  /** One reminder for an order still pending this many minutes after it was created. */
  pendingReminderMinutes: number | null
  /** "HH:MM", store time. */
  dailySummaryAt: string | null
  /** "HH:MM" to "HH:MM", store time (may span midnight): pushes wait until it ends. */
  quietHours: { from: string, to: string } | null
}

export interface PushSubscriptionInfo {
  id: string
  alerts: PushAlerts
  /** The endpoint's origin only (which push service), never the capability URL itself. */
  service: string
  userAgent: string | null
  /** BCP 47 language its pushes are written in; null: English. */
  locale: string | null
  /** Subscribed by the session making the request (this device). */
  current: boolean
  createdAt: string
  updatedAt: string
}

export type PushKind = 'new_order' | 'payment' | 'pending_reminder' | 'daily_summary' | 'test'

/** What the service worker receives. */
export interface PushPayload {
  type: PushKind
  title: string
  body: string
  url: string
  orderId?: string
  seq?: number
  /** Notification tag: one per order, so a repeat or a later push for it replaces the earlier one. */
  tag: string
  /** Pending orders of the store when sent, for the app icon badge. */
  pendingCount?: number
}
