import type { MaybeRefOrGetter } from 'vue'
import type { Payment, Refund } from '~shared/types/api'
import { shallowRef, toValue, watch } from 'vue'
import { api, errorMessage } from '../logic/api'

/**
 * The payments and refunds of the opened order, loaded when it opens and again when its paid or refunded
 * amount changes (a payment or a refund here, in another tab or on another till).
 */
export function useOrderPayments(orderId: MaybeRefOrGetter<string | null>, paidCents: MaybeRefOrGetter<number>, refundedCents: MaybeRefOrGetter<number> = 0) {
  const payments = shallowRef<Payment[] | null>(null)
  const refunds = shallowRef<Refund[] | null>(null)
  const error = shallowRef<string | null>(null)
  const loading = shallowRef(false)
  let request = 0

  async function load(id: string) {
    const mine = ++request
    loading.value = true
    try {
      const [{ payments: list }, { refunds: given }] = await Promise.all([
        api<{ payments: Payment[] }>(`/orders/${id}/payments`),
        api<{ refunds: Refund[] }>(`/orders/${id}/refunds`),
      ])
      if (mine === request) {
        payments.value = list
        refunds.value = given
        error.value = null
      }
    }
    catch (failure) {
      if (mine === request)
        error.value = errorMessage(failure)
    }
    finally {
      if (mine === request)
        loading.value = false
    }
  }

  watch(() => [toValue(orderId), toValue(paidCents), toValue(refundedCents)] as const, ([id], previous) => {
    if (id !== previous?.[0]) {
      payments.value = null
      refunds.value = null
    }
    if (id)
      void load(id)
  }, { immediate: true })

  return { payments, refunds, error, loading }
}
