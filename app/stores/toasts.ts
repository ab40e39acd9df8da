import type { StreamEvent } from '~shared/types/api'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { formatMoney } from '../logic/format'
import { canJoin, TOAST_MS, toastDeadline } from '../logic/toast-life'

export type ToastKind = 'order' | 'payment' | 'info' | 'error'

export interface Toast {
  id: number
  kind: ToastKind
  text: string
  /** How many events this toast stands for (bursts collapse into one). */
  count: number
  amountCents: number
  currency: string
  lastNumber?: number
  /** When it opened (its life is capped from then, however many events join it). */
  openedAt: number
}

export { TOAST_MS }
const MAX_TOASTS = 3
/** How many order ids the toasts remember to show one toast per order this device creates. */
const RECENT_ORDERS = 200

function describe(toast: Toast): string {
  if (toast.kind === 'order')
    return toast.count === 1 ? `New order #${toast.lastNumber} — ${formatMoney(toast.amountCents, toast.currency)}` : `${toast.count} new orders — ${formatMoney(toast.amountCents, toast.currency)}`
  if (toast.kind === 'payment')
    return toast.count === 1 ? `Payment received — ${formatMoney(toast.amountCents, toast.currency)} for #${toast.lastNumber}` : `${toast.count} payments received — ${formatMoney(toast.amountCents, toast.currency)}`
  return toast.text
}

/**
 * Toasts for new orders and payments. An event of the same kind while its toast is still up joins it
 * ("3 new orders") and gives it 5 s more, but a toast never stays more than 10 s (see toast-life.ts), so
 * a burst never floods the screen or the screen reader and steady traffic does not pin one up for ever.
 */
export const useToastStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([])
  const timers = new Map<number, ReturnType<typeof setTimeout>>()
  let nextId = 1

  function schedule(toast: Toast) {
    clearTimeout(timers.get(toast.id))
    const now = Date.now()
    timers.set(toast.id, setTimeout(() => dismiss(toast.id), toastDeadline(toast.openedAt, now) - now))
  }

  function dismiss(id: number) {
    clearTimeout(timers.get(id))
    timers.delete(id)
    toasts.value = toasts.value.filter(toast => toast.id !== id)
  }

  function push(kind: ToastKind, amountCents: number, currency: string, number?: number, text = '') {
    const now = Date.now()
    const same = kind === 'order' || kind === 'payment' ? toasts.value.find(toast => toast.kind === kind) : undefined
    // Near the end of its life a toast is not extended: a fresh one replaces it (and is announced).
    if (same && !canJoin(same.openedAt, now))
      dismiss(same.id)
    const open = same && canJoin(same.openedAt, now) ? same : undefined
    if (open) {
      open.count += 1
      open.amountCents += amountCents
      open.lastNumber = number
      open.text = describe(open)
      schedule(open)
      return
    }
    const toast: Toast = { id: nextId++, kind, text, count: 1, amountCents, currency, lastNumber: number, openedAt: now }
    toast.text = describe(toast)
    toasts.value = [...toasts.value, toast].slice(-MAX_TOASTS)
    schedule(toast)
  }

  // One toast per order this device creates, whichever comes first: its answer or its live event.
  /** Orders this device created whose live event has not come yet: that event shows no toast. */
  const ownOrders = new Set<string>()
  /** Orders that got a live toast lately: this device's answer for one of them shows none. */
  const toastedLive = new Set<string>()
  const remember = (ids: Set<string>, id: string) => {
    ids.add(id)
    if (ids.size > RECENT_ORDERS)
      ids.delete(ids.values().next().value!)
  }

  /** This device created these orders: says `text`, unless their live toasts already said it. */
  function ownOrdersCreated(orders: ReadonlyArray<{ id: string }>, text: string) {
    const unseen = orders.filter(order => !toastedLive.has(order.id))
    for (const order of unseen) remember(ownOrders, order.id)
    if (unseen.length > 0)
      notify(text)
  }

  function fromEvent(event: StreamEvent) {
    if (event.type === 'order_created') {
      if (ownOrders.delete(event.order.id))
        return
      remember(toastedLive, event.order.id)
      push('order', event.order.totalCents, event.order.currency, event.order.number)
    }
    else if (event.type === 'payment_received' && event.payment) {
      push('payment', event.payment.amountCents, event.order.currency, event.order.number)
    }
  }

  function notify(text: string, kind: 'info' | 'error' = 'info') {
    push(kind, 0, 'USD', undefined, text)
  }

  return { toasts, dismiss, fromEvent, notify, ownOrdersCreated }
})
