import type { Router } from 'vue-router'
import { storeToRefs } from 'pinia'
import { computed, effectScope, getCurrentScope, onScopeDispose, shallowRef, watch } from 'vue'
import { useRouter } from 'vue-router'
import { whenIdleAfterPaint } from '../logic/idle'
import { outboxStorage } from '../logic/offline-store'
import { useAnalyticsStore } from '../stores/analytics'
import { useLiveStore } from '../stores/live'
import { useSessionStore } from '../stores/session'
import { useToastStore } from '../stores/toasts'
import { useLiveSync } from './useLiveSync'

/**
 * Wires the one live stream of the browser to the stores: events update analytics and orders in place and
 * raise toasts; `reset` refetches; coming back online reloads what was shown from the offline copy and
 * sends the outbox. The orders store takes part (a LiveFollower) once a page has loaded it: the analytics
 * page does not, and needs it only for an order waiting in the outbox. Used once, by the signed-in layout.
 * All of it is set up once the first page has painted and the main thread is idle (none of it is needed to
 * show the figures); the badge says "Connecting…" meanwhile. It ends with the layout.
 */
export function useLiveConnection(): void {
  const router = useRouter()
  const live = useLiveStore()
  // Until the connection is set up, the badge says "Connecting…" when it is going to connect.
  const detach = live.attach({
    status: computed(() => live.realtime && live.online ? 'connecting' : 'offline'),
    isLeader: shallowRef(false),
  })
  const scope = effectScope()
  const cancelStart = whenIdleAfterPaint(() => scope.run(() => connect(router)), { timeout: 1000 })
  if (getCurrentScope()) {
    onScopeDispose(() => {
      cancelStart()
      scope.stop()
      detach()
    })
  }
}

function connect(router: Router): void {
  const session = useSessionStore()
  const live = useLiveStore()
  const analytics = useAnalyticsStore()
  const toasts = useToastStore()
  const { realtime, online } = storeToRefs(live)

  const sync = useLiveSync({
    enabled: () => session.signedIn && realtime.value,
    online,
    resumeFrom: () => analytics.data?.summary.lastSeq,
    onEvent(event) {
      analytics.handleEvent(event)
      for (const follower of live.following()) follower.event(event)
      toasts.fromEvent(event)
    },
    onReset() {
      analytics.handleReset()
      for (const follower of live.following()) follower.reset()
    },
  })

  onScopeDispose(live.attach(sync))
  watch(online, (isOnline) => {
    if (!isOnline)
      return
    const followers = live.following()
    followers.forEach(follower => follower.online())
    // The orders store (the one follower) sends the outbox itself once loaded.
    if (followers.length === 0)
      void sendQueuedOrders(session.store?.id)
    if (analytics.source === 'cache' || analytics.state === 'error')
      void analytics.load(analytics.range, { silent: true })
  }, { immediate: true })

  // EventSource does not say why it failed: after two failed connects in a row, one question to the
  // server tells a lost session (sign in again) from a network or server problem (keep backing off).
  watch(sync.failures, async (failures) => {
    if (failures !== 2 || !online.value)
      return
    if (!await session.revalidate())
      await router.replace({ name: 'sign-in', query: { redirect: router.currentRoute.value.fullPath } })
  })
}

/** Orders made offline on this device and still waiting: the orders store (loaded for them) sends them. */
async function sendQueuedOrders(storeId: string | undefined): Promise<void> {
  if (!storeId)
    return
  try {
    if (!(await outboxStorage(storeId).read()).some(entry => !entry.error))
      return
  }
  catch {
    // No offline storage here (a private window): nothing can be waiting in it.
    return
  }
  const { useOrdersStore } = await import('../stores/orders')
  await useOrdersStore().flushOutbox()
}
