import type { StreamEvent } from '~shared/types/api'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { unhandledEvent } from '~shared/unhandled-event'
import { t } from '../i18n'
import { formatMoney } from '../logic/format'
import { canJoin, TOAST_MS, toastDeadline } from '../logic/toast-life'
import { formOrDialogOpen } from '../logic/toast-quiet'

/** `live`: new orders and payments from the stream, merged into one toast; `info`/`error`: what this device did. */
export type ToastKind = 'live' | 'info' | 'error'

/** New orders or payments merged into a live toast. */
export interface Tally { count: number, amountCents: number, lastNumber?: number }

export interface Toast {
  id: number
  kind: ToastKind
  text: string
  /** The new orders and the payments this toast stands for (bursts collapse into one). */
  orders: Tally
  payments: Tally
  currency: string
  /** When it opened (its life is capped from then, however many events join it). */
  openedAt: number
}

export { TOAST_MS }
/** One toast at a time: a second one would stack over what the merchant is doing. */
const MAX_TOASTS = 1
/** How many order ids the toasts remember to show one toast per order this device creates. */
const RECENT_ORDERS = 200

/** "New order #12 · $4.50", "3 new orders · $27.40", "Payment for #12 · $4.50", "2 payments · $9.00", or both. */
function describe(toast: Toast): string {
  if (toast.kind !== 'live')
    return toast.text
  const said = (tally: Tally, key: string) => tally.count === 0
    ? []
    : [t(key, { count: tally.count, number: tally.lastNumber ?? '', amount: formatMoney(tally.amountCents, toast.currency) }, tally.count)]
  return [...said(toast.orders, 'live.toast.newOrders'), ...said(toast.payments, 'live.toast.payments')].join(t('live.toast.separator'))
}

const tally = (count: number, amountCents: number, lastNumber?: number): Tally => ({ count, amountCents, lastNumber })

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

  function push(kind: ToastKind, currency: string, { order, payment, text = '' }: { order?: Tally, payment?: Tally, text?: string }) {
    // An error still up matters more than news the figures already show.
    if (kind === 'live' && toasts.value.some(toast => toast.kind === 'error'))
      return
    const now = Date.now()
    const same = kind === 'live' ? toasts.value.find(toast => toast.kind === 'live') : undefined
    // Near the end of its life a toast is not extended: a fresh one replaces it (and is announced).
    if (same && !canJoin(same.openedAt, now))
      dismiss(same.id)
    const open = same && canJoin(same.openedAt, now) ? same : undefined
    if (open) {
      for (const [into, add] of [[open.orders, order], [open.payments, payment]] as const) {
        if (!add)
          continue
        into.count += add.count
        into.amountCents += add.amountCents
        into.lastNumber = add.lastNumber
      }
      open.text = describe(open)
      schedule(open)
      return
    }
    const toast: Toast = { id: nextId++, kind, text, orders: order ?? tally(0, 0), payments: payment ?? tally(0, 0), currency, openedAt: now }
    toast.text = describe(toast)
    for (const old of toasts.value.slice(0, toasts.value.length + 1 - MAX_TOASTS)) dismiss(old.id)
    toasts.value = [...toasts.value, toast]
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

  /** `quiet`: whether a form or a dialog is open, when live events raise no toast. */
  function fromEvent(event: StreamEvent, quiet: () => boolean = formOrDialogOpen) {
    switch (event.type) {
      case 'order_created':
        if (ownOrders.delete(event.order.id) || quiet())
          return
        remember(toastedLive, event.order.id)
        push('live', event.order.currency, {
          order: tally(1, event.order.totalCents, event.order.number),
          payment: event.payment && tally(1, event.payment.amountCents, event.order.number),
        })
        return
      case 'payment_received':
        if (!quiet())
          push('live', event.order.currency, { payment: tally(1, event.payment.amountCents, event.order.number) })
        return
      case 'order_updated':
        return
      default:
        unhandledEvent(event)
    }
  }

  function notify(text: string, kind: 'info' | 'error' = 'info') {
    push(kind, 'USD', { text })
  }

  return { toasts, dismiss, fromEvent, notify, ownOrdersCreated }
})
