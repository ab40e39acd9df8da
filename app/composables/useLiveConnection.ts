import type { Router } from 'vue-router'
import { getActivePinia, storeToRefs } from 'pinia'
import { computed, effectScope, getCurrentScope, onScopeDispose, shallowRef, watch } from 'vue'
import { useRouter } from 'vue-router'
import { whenIdleAfterPaint } from '../logic/idle'
import { outboxStorage } from '../logic/offline-store'
import { useLiveStore } from '../stores/live'
import { useSessionStore } from '../stores/session'
import { useToastStore } from '../stores/toasts'
import { useLiveSync } from './useLiveSync'

/**
 * Wires the one live stream of the browser to the live store's listeners (useLiveEvents: the stores and
 * pages that show live figures) and to the toasts; coming back online tells the listeners (they reload
 * what was shown from the offline copy) and sends the outbox, through the orders store once a page has
 * loaded it. The stream follows every store while a listener asks for them all (All locations). Used
 * once, by the signed-in layout.
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
  const toasts = useToastStore()
  const { realtime, online } = storeToRefs(live)

  const sync = useLiveSync({
    enabled: () => session.signedIn && realtime.value,
    online,
    storeId: () => session.store?.id,
    allStores: () => live.allStores,
    resumeFrom: live.resumeFrom,
    onEvent: event => live.dispatchEvent(event, session.store?.id),
    onReset: info => live.dispatchReset(info, session.store?.id),
  })
  // Toasts are of the signed-in store's sales.
  onScopeDispose(live.listen({ onEvent: event => toasts.fromEvent(event) }))

  onScopeDispose(live.attach(sync))
  watch(online, (isOnline) => {
    if (!isOnline)
      return
    live.dispatchOnline()
    // Once loaded, the orders store sends the outbox itself.
    if (!getActivePinia()?.state.value.orders)
      void sendQueuedOrders(session.store?.id)
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
