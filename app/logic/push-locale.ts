import type { PushSubscriptionInfo } from '~shared/types/push'
import { api } from './api'

/**
 * Tells the server the language this device's notifications are to be written in (after a change of the
 * app's language). Nothing happens on a device without a push subscription, or whose copy already has it.
 */
export async function updatePushLocale(locale: string): Promise<void> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window))
    return
  const registration = await navigator.serviceWorker.getRegistration()
  if (!(await registration?.pushManager.getSubscription()))
    return
  const { subscriptions } = await api<{ subscriptions: PushSubscriptionInfo[] }>('/push/subscriptions')
  const own = subscriptions.find(subscription => subscription.current)
  if (own && own.locale !== locale)
    await api(`/push/subscriptions/${own.id}`, { method: 'PATCH', body: { locale } })
}
