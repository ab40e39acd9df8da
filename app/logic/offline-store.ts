import type { MeResponse, Order, StreamOrder, Summary, Timeseries, TopProducts } from '~shared/types/api'
import type { OutboxEntry, OutboxStorage } from './outbox'
import { createStore, delMany, get, keys, set, update } from 'idb-keyval'

/** Snapshots of what was last shown, for opening the app offline. No tokens: the session is a cookie. */
let dbStore: ReturnType<typeof createStore> | undefined
const db = () => (dbStore ??= createStore('pulse', 'kv'))

export interface AnalyticsSnapshot {
  summary: Summary
  timeseries: Timeseries | null
  topProducts: TopProducts | null
  savedAt: number
}

export interface OrdersSnapshot { orders: Order[], savedAt: number }
/** Counter mode's last figures and feed (its figures are today's only; staff may have the feed alone). */
export interface CounterSnapshot { summary: Summary | null, feed: StreamOrder[], savedAt: number }
/** The last `/auth/me` answer (role and permissions included), for opening offline. */
export type ProfileSnapshot = MeResponse

async function safe<T>(work: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await work()
  }
  catch {
    // Private windows and full disks: offline copies are a bonus, never an error.
    return fallback
  }
}

export const offlineStore = {
  readProfile: () => safe(() => get<ProfileSnapshot>('profile', db()), undefined),
  saveProfile: (profile: ProfileSnapshot) => safe(() => set('profile', profile, db()), undefined),
  readAnalytics: (storeId: string, range: string) => safe(() => get<AnalyticsSnapshot>(`analytics:${storeId}:${range}`, db()), undefined),
  saveAnalytics: (storeId: string, range: string, snapshot: AnalyticsSnapshot) => safe(() => set(`analytics:${storeId}:${range}`, snapshot, db()), undefined),
  readOrders: (storeId: string) => safe(() => get<OrdersSnapshot>(`orders:${storeId}`, db()), undefined),
  saveOrders: (storeId: string, snapshot: OrdersSnapshot) => safe(() => set(`orders:${storeId}`, snapshot, db()), undefined),
  readCounter: (storeId: string) => safe(() => get<CounterSnapshot>(`counter:${storeId}`, db()), undefined),
  saveCounter: (storeId: string, snapshot: CounterSnapshot) => safe(() => set(`counter:${storeId}`, snapshot, db()), undefined),
  /**
   * Signing out forgets the store's figures and profile on this device. Orders still waiting in an outbox
   * stay (they are sent, once, the next time someone signs in to that store here).
   */
  clearAll: () => safe(async () => {
    const all = await keys<string>(db())
    await delMany(all.filter(key => !String(key).startsWith('outbox:')), db())
  }, undefined),
}

export function outboxStorage(storeId: string): OutboxStorage {
  const key = `outbox:${storeId}`
  return {
    read: async () => (await get<OutboxEntry[]>(key, db())) ?? [],
    update: change => update<OutboxEntry[]>(key, entries => change(entries ?? []), db()),
  }
}
