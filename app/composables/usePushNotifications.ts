import type { ShallowRef } from 'vue'
import type { PushAlerts, PushSubscriptionInfo } from '~shared/types/push'
import type { PushSupport } from '../logic/push-support'
import { shallowRef } from 'vue'
import { t } from '../i18n'
import { appLocale } from '../i18n/locale'
import { api, ApiError, errorMessage, NetworkError } from '../logic/api'
import { keyBytes, pushSupport, readPushEnvironment } from '../logic/push-support'
import { registerServiceWorker } from './useServiceWorker'

export type PushStatus = 'checking' | 'off' | 'on' | 'working'

export interface UsePushNotificationsReturn {
  support: ShallowRef<PushSupport>
  status: ShallowRef<PushStatus>
  /** This device's subscription on the server, when on. */
  device: ShallowRef<PushSubscriptionInfo | null>
  /** A sentence for the last failure (no push service, network…), or null. */
  problem: ShallowRef<string | null>
  /** Asks for permission (call it from a tap only) and subscribes this device. */
  enable: () => Promise<void>
  disable: () => Promise<void>
  updateAlerts: (alerts: Partial<PushAlerts>) => Promise<void>
  sendTest: () => Promise<boolean>
  refresh: () => Promise<void>
}

function describe(error: unknown): string {
  if (error instanceof ApiError || error instanceof NetworkError)
    return errorMessage(error)
  return (error as Error)?.message || t('errors.unknown')
}

/** A browser without a reachable push service may never settle subscribe(): give up after a while. */
const SUBSCRIBE_TIMEOUT_MS = 10_000

function subscribeWithin(reg: ServiceWorkerRegistration, key: string): Promise<PushSubscription> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new DOMException('No push service answered.', 'AbortError')), SUBSCRIBE_TIMEOUT_MS)
    reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) }).then(resolve, reject).finally(() => clearTimeout(timer))
  })
}

async function registration(): Promise<ServiceWorkerRegistration> {
  // The app registers its worker a few seconds after load; here it is needed now.
  await registerServiceWorker().catch(() => {})
  return navigator.serviceWorker.ready
}

/** This device's Web Push subscription: permission on a tap, the browser's PushManager, and the server's copy. */
export function usePushNotifications(): UsePushNotificationsReturn {
  const support = shallowRef<PushSupport>(pushSupport(readPushEnvironment()))
  const status = shallowRef<PushStatus>('checking')
  const device = shallowRef<PushSubscriptionInfo | null>(null)
  const problem = shallowRef<string | null>(null)

  async function save(subscription: PushSubscription, alerts: Partial<PushAlerts> = {}): Promise<void> {
    const json = subscription.toJSON()
    device.value = await api<PushSubscriptionInfo>('/push/subscriptions', { method: 'POST', body: { subscription: { endpoint: json.endpoint, keys: json.keys }, alerts, locale: appLocale.value } })
  }

  /** Reads the browser's subscription; if there is one, makes sure the server has it for this session. */
  async function refresh(): Promise<void> {
    support.value = pushSupport(readPushEnvironment())
    if (support.value.state !== 'ready' || Notification.permission !== 'granted') {
      status.value = 'off'
      return
    }
    try {
      const existing = await (await registration()).pushManager.getSubscription()
      if (existing)
        await save(existing)
      status.value = existing ? 'on' : 'off'
    }
    catch (error) {
      problem.value = describe(error)
      status.value = 'off'
    }
  }

  async function enable(): Promise<void> {
    problem.value = null
    status.value = 'working'
    try {
      const permission = await Notification.requestPermission()
      support.value = pushSupport(readPushEnvironment())
      if (permission !== 'granted') {
        status.value = 'off'
        if (permission === 'default')
          problem.value = t('push.notAllowed')
        return
      }
      const { publicKey } = await api<{ publicKey: string }>('/push/public-key')
      const reg = await registration()
      let subscription: PushSubscription
      try {
        subscription = await subscribeWithin(reg, publicKey)
      }
      catch (error) {
        // A stale subscription made with another key must go first.
        const old = await reg.pushManager.getSubscription()
        if (!old)
          throw error
        await old.unsubscribe()
        subscription = await subscribeWithin(reg, publicKey)
      }
      await save(subscription)
      status.value = 'on'
    }
    catch (error) {
      status.value = 'off'
      const name = (error as Error)?.name
      problem.value = name === 'AbortError' || name === 'NotAllowedError' || name === 'NotSupportedError'
        ? t('push.noService')
        : describe(error)
    }
  }

  async function disable(): Promise<void> {
    problem.value = null
    status.value = 'working'
    try {
      const id = device.value?.id
      const subscription = await (await registration()).pushManager.getSubscription()
      await subscription?.unsubscribe()
      if (id)
        await api(`/push/subscriptions/${id}`, { method: 'DELETE' }).catch(() => {})
      device.value = null
      status.value = 'off'
    }
    catch (error) {
      problem.value = describe(error)
      status.value = 'on'
    }
  }

  // Changes go one after the other, so that the last answer shown is the last change made.
  let saving: Promise<void> = Promise.resolve()
  function updateAlerts(alerts: Partial<PushAlerts>): Promise<void> {
    if (!device.value)
      return saving
    problem.value = null
    device.value = { ...device.value, alerts: { ...device.value.alerts, ...alerts } }
    const id = device.value.id
    saving = saving.then(async () => {
      try {
        const saved = await api<PushSubscriptionInfo>(`/push/subscriptions/${id}`, { method: 'PATCH', body: { alerts } })
        if (device.value?.id === id)
          device.value = saved
      }
      catch (error) {
        problem.value = describe(error)
      }
    })
    return saving
  }

  async function sendTest(): Promise<boolean> {
    if (!device.value)
      return false
    problem.value = null
    try {
      await api(`/push/subscriptions/${device.value.id}/test`, { method: 'POST' })
      return true
    }
    catch (error) {
      problem.value = describe(error)
      return false
    }
  }

  return { support, status, device, problem, enable, disable, updateAlerts, sendTest, refresh }
}
