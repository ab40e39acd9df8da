import type { MaybeRefOrGetter } from 'vue'
import type { Payment } from '~shared/types/api'
import { shallowRef, toValue, watch } from 'vue'
import { api, errorMessage } from '../logic/api'

/**
 * The payments of the opened order, loaded when it opens and again when its paid amount changes (a
 * payment here, in another tab or on another till).
 */
export function useOrderPayments(orderId: MaybeRefOrGetter<string | null>, paidCents: MaybeRefOrGetter<number>) {
  const payments = shallowRef<Payment[] | null>(null)
  const error = shallowRef<string | null>(null)
  const loading = shallowRef(false)
  let request = 0

  async function load(id: string) {
    const mine = ++request
    loading.value = true
    try {
      const { payments: list } = await api<{ payments: Payment[] }>(`/orders/${id}/payments`)
      if (mine === request) {
        payments.value = list
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

  watch(() => [toValue(orderId), toValue(paidCents)] as const, ([id], previous) => {
    if (id !== previous?.[0])
      payments.value = null
    if (id)
      void load(id)
  }, { immediate: true })

  return { payments, error, loading }
}
