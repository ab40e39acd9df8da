import type { Router } from 'vue-router'
import { storeToRefs } from 'pinia'
import { computed, effectScope, getCurrentScope, onScopeDispose, shallowRef, watch } from 'vue'
import { useRouter } from 'vue-router'
import { whenIdleAfterPaint } from '../logic/idle'
import { useAnalyticsStore } from '../stores/analytics'
import { useLiveStore } from '../stores/live'
import { useOrdersStore } from '../stores/orders'
import { useSessionStore } from '../stores/session'
import { useToastStore } from '../stores/toasts'
import { useLiveSync } from './useLiveSync'

/**
 * Wires the one live stream of the browser to the stores: events update analytics and orders in place and
 * raise toasts; `reset` refetches; coming back online reloads what was shown from the offline copy and
 * sends the outbox. Used once, by the signed-in layout. All of it is set up once the first page has painted
 * and the main thread is idle (none of it is needed to show the figures); the badge says "Connecting…"
 * meanwhile. It ends with the layout.
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
  const orders = useOrdersStore()
  const toasts = useToastStore()
  const { realtime, online } = storeToRefs(live)

  const sync = useLiveSync({
    enabled: () => session.signedIn && realtime.value,
    online,
    resumeFrom: () => analytics.data?.summary.lastSeq,
    onEvent(event) {
      analytics.handleEvent(event)
      orders.handleEvent(event)
      toasts.fromEvent(event)
    },
    onReset() {
      analytics.handleReset()
      if (orders.state !== 'idle')
        void orders.load()
    },
  })

  onScopeDispose(live.attach(sync))
  watch(online, (isOnline) => {
    if (!isOnline)
      return
    void orders.flushOutbox()
    if (analytics.source === 'cache' || analytics.state === 'error')
      void analytics.load(analytics.range, { silent: true })
    if (orders.source === 'cache' || orders.state === 'error')
      void orders.load()
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
