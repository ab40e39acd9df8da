import type { ShallowRef } from 'vue'
import { getCurrentScope, onScopeDispose, shallowRef } from 'vue'

type EventTargetLike = Pick<Window, 'addEventListener' | 'removeEventListener'>

/** navigator.onLine as a ref, updated by the `online` and `offline` events (`target`: @default globalThis). */
export function useOnline(target: Partial<EventTargetLike> = globalThis as unknown as EventTargetLike): ShallowRef<boolean> {
  const online = shallowRef(globalThis.navigator?.onLine ?? true)
  const update = () => {
    online.value = globalThis.navigator?.onLine ?? true
  }
  target.addEventListener?.('online', update)
  target.addEventListener?.('offline', update)
  if (getCurrentScope()) {
    onScopeDispose(() => {
      target.removeEventListener?.('online', update)
      target.removeEventListener?.('offline', update)
    })
  }
  return online
}
