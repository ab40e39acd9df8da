import type { StreamEvent } from '~shared/types/api'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { formatMoney } from '../logic/format'

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
}

export const TOAST_MS = 5000
const MAX_TOASTS = 3

function describe(toast: Toast): string {
  if (toast.kind === 'order')
    return toast.count === 1 ? `New order #${toast.lastNumber} — ${formatMoney(toast.amountCents, toast.currency)}` : `${toast.count} new orders — ${formatMoney(toast.amountCents, toast.currency)}`
  if (toast.kind === 'payment')
    return toast.count === 1 ? `Payment received — ${formatMoney(toast.amountCents, toast.currency)} for #${toast.lastNumber}` : `${toast.count} payments received — ${formatMoney(toast.amountCents, toast.currency)}`
  return toast.text
}

/**
 * Toasts for new orders and payments. An event of the same kind while its toast is still up joins it
 * ("3 new orders") and restarts its 5 s, so a burst never floods the screen or the screen reader.
 */
export const useToastStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([])
  const timers = new Map<number, ReturnType<typeof setTimeout>>()
  let nextId = 1

  function schedule(id: number) {
    clearTimeout(timers.get(id))
    timers.set(id, setTimeout(() => dismiss(id), TOAST_MS))
  }

  function dismiss(id: number) {
    clearTimeout(timers.get(id))
    timers.delete(id)
    toasts.value = toasts.value.filter(toast => toast.id !== id)
  }

  function push(kind: ToastKind, amountCents: number, currency: string, number?: number, text = '') {
    const open = kind === 'order' || kind === 'payment' ? toasts.value.find(toast => toast.kind === kind) : undefined
    if (open) {
      open.count += 1
      open.amountCents += amountCents
      open.lastNumber = number
      open.text = describe(open)
      schedule(open.id)
      return
    }
    const toast: Toast = { id: nextId++, kind, text, count: 1, amountCents, currency, lastNumber: number }
    toast.text = describe(toast)
    toasts.value = [...toasts.value, toast].slice(-MAX_TOASTS)
    schedule(toast.id)
  }

  function fromEvent(event: StreamEvent) {
    if (event.type === 'order_created')
      push('order', event.order.totalCents, event.order.currency, event.order.number)
    else if (event.type === 'payment_received' && event.payment)
      push('payment', event.payment.amountCents, event.order.currency, event.order.number)
  }

  function notify(text: string, kind: 'info' | 'error' = 'info') {
    push(kind, 0, 'USD', undefined, text)
  }

  return { toasts, dismiss, fromEvent, notify }
})
