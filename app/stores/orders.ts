import type { Order, OrderList, OrderStatus, PaymentMethod, PaymentResponse, RefundResponse, StreamEvent } from '~shared/types/api'
import type { StatusFilter } from '../logic/order-view'
import type { OrderDraft, OutboxEntry, SendResult } from '../logic/outbox'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { unhandledEvent } from '~shared/unhandled-event'
import { t } from '../i18n'
import { api, ApiError, errorMessage, isNetworkError } from '../logic/api'
import { offlineStore, outboxStorage } from '../logic/offline-store'
import { filterOrders, orderListQuery } from '../logic/order-view'
import { Outbox } from '../logic/outbox'
import { useLiveEvents } from './live'
import { useSessionStore } from './session'
import { useToastStore } from './toasts'

const PAGE_SIZE = 50

interface WebLocks { request: (name: string, callback: () => Promise<unknown>) => Promise<unknown> }

/** Runs `work` while holding a browser-wide lock (so two tabs never flush the outbox at once). */
function withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as { locks?: WebLocks } | undefined)?.locks
  return locks ? locks.request(name, work) as Promise<T> : work()
}

/**
 * Orders, newest first: the first page from the server, kept current by stream events, plus orders made
 * offline that wait in the outbox ("queued") until the network returns. Loaded by the pages that use it
 * (not the analytics page), it follows the live stream from its first use, and is emptied on sign-out.
 */
export const useOrdersStore = defineStore('orders', () => {
  const orders = ref<Order[]>([])
  const queued = shallowRef<OutboxEntry[]>([])
  const state = shallowRef<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = shallowRef<string | null>(null)
  const source = shallowRef<'network' | 'cache'>('network')
  const savedAt = shallowRef<number | null>(null)
  const nextCursor = shallowRef<string | null>(null)
  /** How many orders match the filters on the server (all pages); null before the first answer. */
  const total = shallowRef<number | null>(null)
  /** The Orders page's status filter and search: the server filters and searches every order. */
  const filters = shallowRef<{ status: StatusFilter, search: string }>({ status: 'all', search: '' })
  const filtered = computed(() => filters.value.status !== 'all' || filters.value.search.trim() !== '')
  let loads = 0
  /** A load for new filters is in flight (the list shows what it had meanwhile). */
  const searching = shallowRef(false)
  let outbox: Outbox | undefined
  let outboxStoreId: string | undefined

  const storeId = () => useSessionStore().store?.id
  function getOutbox(): Outbox | undefined {
    const id = storeId()
    if (!id)
      return undefined
    if (outboxStoreId !== id) {
      outbox = new Outbox(outboxStorage(id))
      outboxStoreId = id
    }
    return outbox
  }

  const pendingCount = computed(() => orders.value.filter(order => order.status === 'pending').length)

  function persist() {
    const id = storeId()
    // The offline copy is the newest orders, never a filtered list.
    if (id && source.value === 'network' && !filtered.value) {
      savedAt.value = Date.now()
      void offlineStore.saveOrders(id, { orders: JSON.parse(JSON.stringify(orders.value)), savedAt: savedAt.value })
    }
  }

  async function refreshQueued() {
    queued.value = (await getOutbox()?.list()) ?? []
  }

  const listPath = () => `/orders?limit=${PAGE_SIZE}${orderListQuery(filters.value.status, filters.value.search)}`

  /** Loads the first page; with `next`, of these filters (a newer call wins over one still in flight). */
  async function load(next?: { status: StatusFilter, search: string }) {
    if (next)
      filters.value = next
    const mine = ++loads
    searching.value = !!next
    state.value = orders.value.length ? 'ready' : 'loading'
    void refreshQueued()
    try {
      const list = await api<OrderList>(listPath())
      if (mine !== loads)
        return
      searching.value = false
      orders.value = list.orders
      nextCursor.value = list.nextCursor
      total.value = list.total
      source.value = 'network'
      state.value = 'ready'
      error.value = null
      persist()
    }
    catch (failure) {
      if (mine !== loads)
        return
      searching.value = false
      if (isNetworkError(failure)) {
        const id = storeId()
        const snapshot = id ? await offlineStore.readOrders(id) : undefined
        if (snapshot) {
          total.value = null
          orders.value = snapshot.orders
          savedAt.value = snapshot.savedAt
          source.value = 'cache'
          state.value = 'ready'
          return
        }
      }
      error.value = errorMessage(failure)
      state.value = orders.value.length ? 'ready' : 'error'
    }
  }

  async function loadMore() {
    if (!nextCursor.value)
      return
    const list = await api<OrderList>(`${listPath()}&cursor=${nextCursor.value}`)
    const known = new Set(orders.value.map(order => order.id))
    orders.value = [...orders.value, ...list.orders.filter(order => !known.has(order.id))]
    nextCursor.value = list.nextCursor
  }

  function upsert(order: Order) {
    const index = orders.value.findIndex(o => o.id === order.id)
    if (index >= 0)
      orders.value.splice(index, 1, order)
    else
      orders.value.unshift(order)
    persist()
  }

  async function send(entry: OutboxEntry): Promise<SendResult> {
    try {
      const order = await api<Order>('/orders', { method: 'POST', body: entry.draft, headers: { 'idempotency-key': entry.key } })
      return { ok: true, order }
    }
    catch (failure) {
      if (failure instanceof ApiError && failure.status !== 401 && failure.status !== 429 && failure.status < 500)
        return { ok: false, retry: false, error: errorMessage(failure) }
      return { ok: false, retry: true }
    }
  }

  /** Sends what waits in the outbox, once (the Idempotency-Key makes a repeat harmless). */
  async function flushOutbox() {
    const box = getOutbox()
    if (!box)
      return
    const result = await withLock(`pulse-outbox:${storeId()}`, () => box.flush(send))
    for (const { order } of result.sent) upsert(order)
    if (result.sent.length > 0)
      useToastStore().ownOrdersCreated(result.sent.map(s => s.order), t('orders.queue.sent', { number: result.sent[0].order.number }, result.sent.length))
    for (const entry of result.failed) useToastStore().notify(t('orders.queue.refused', { error: entry.error }), 'error')
    await refreshQueued()
  }

  /** Creates an order now, or queues it when there is no network (sent once, later). */
  async function create(draft: OrderDraft): Promise<{ order?: Order, queued?: OutboxEntry }> {
    const box = getOutbox()
    if (!box)
      throw new Error(t('errors.unauthorized'))
    // Every order gets its key before the first try, so a retry after a lost answer is not a second order.
    const entry = await box.enqueue(draft)
    await refreshQueued()
    if (globalThis.navigator?.onLine === false)
      return { queued: entry }
    const result = await withLock(`pulse-outbox:${storeId()}`, () => box.flush(send))
    await refreshQueued()
    const sent = result.sent.find(s => s.entry.key === entry.key)
    for (const s of result.sent) upsert(s.order)
    if (sent)
      return { order: sent.order }
    const failed = result.failed.find(f => f.key === entry.key)
    if (failed) {
      await box.discard(entry.key)
      await refreshQueued()
      throw new Error(failed.error)
    }
    return { queued: entry }
  }

  async function discardQueued(key: string) {
    await getOutbox()?.discard(key)
    await refreshQueued()
  }

  async function setStatus(id: string, status: OrderStatus) {
    upsert(await api<Order>(`/orders/${id}`, { method: 'PATCH', body: { status } }))
  }

  /** Records a refund of part or all of what is left to refund (the last one makes the order refunded). */
  async function refund(id: string, amountCents: number, reason: string | null) {
    const { order } = await api<RefundResponse>(`/orders/${id}/refunds`, { method: 'POST', body: { amountCents, reason } })
    upsert(order)
  }

  async function pay(id: string, amountCents: number, method: PaymentMethod) {
    const { order } = await api<PaymentResponse>(`/orders/${id}/payments`, { method: 'POST', body: { amountCents, method } })
    upsert(order)
  }

  /** The full order, for a live one whose event carried only its first lines (at most once per order). */
  async function fetchFull(id: string) {
    try {
      const full = await api<Order>(`/orders/${id}`)
      if (orders.value.some(order => order.id === id))
        upsert(full)
    }
    catch {
      // The first lines stay shown; the next load brings the rest.
    }
  }

  /** What an event changes on a shown order besides its status, paid amount and time. */
  function changeOf(event: StreamEvent, current: Order): Partial<Order> {
    switch (event.type) {
      case 'order_created':
      case 'payment_received':
        return {}
      case 'order_updated': {
        const by = event.actor ?? null
        return {
          refundedCents: current.refundedCents + (event.refundedCents ?? 0),
          cancelledBy: event.order.status === 'cancelled' ? by : current.cancelledBy,
          refundedBy: event.order.status === 'refunded' ? by : current.refundedBy,
        }
      }
      default:
        return unhandledEvent(event)
    }
  }

  /** Updates the list in place from a stream event (new orders appear at the top with the lines they carry). */
  function handleEvent(event: StreamEvent) {
    if (state.value === 'idle')
      return
    const index = orders.value.findIndex(order => order.id === event.order.id)
    // Who did it is on the event: shown at once, as after a reload.
    const by = event.actor ?? null
    if (index >= 0) {
      const current = orders.value[index]
      orders.value.splice(index, 1, {
        ...current,
        status: event.order.status,
        paidCents: event.order.paidCents,
        updatedAt: event.at,
        ...changeOf(event, current),
      })
    }
    else if (event.type === 'order_created') {
      const order: Order = {
        ...event.order,
        refundedCents: 0,
        items: (event.items ?? []).map(item => ({ ...item, unitPriceCents: item.quantity > 0 ? Math.round(item.lineTotalCents / item.quantity) : 0 })),
        note: null,
        updatedAt: event.at,
        createdBy: by,
      }
      // A filtered list shows a new order only when it matches (it then counts among the matches).
      if (filterOrders([order], filters.value.status, filters.value.search).length === 0)
        return
      orders.value.unshift(order)
      if (total.value !== null)
        total.value += 1
      if (!event.items || event.itemsTruncated)
        void fetchFull(event.order.id)
    }
    persist()
  }

  function clear() {
    orders.value = []
    filters.value = { status: 'all', search: '' }
    total.value = null
    searching.value = false
    queued.value = []
    state.value = 'idle'
  }

  useLiveEvents({
    onEvent: handleEvent,
    onReset() {
      if (state.value !== 'idle')
        void load()
    },
    onOnline() {
      void flushOutbox()
      if (source.value === 'cache' || state.value === 'error')
        void load()
    },
  })
  useSessionStore().onSignedOut(clear)

  return { orders, queued, state, error, source, savedAt, nextCursor, total, filters, filtered, searching, pendingCount, load, loadMore, create, discardQueued, flushOutbox, setStatus, pay, refund, handleEvent, clear }
})
