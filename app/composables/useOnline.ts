import type { ShallowRef } from 'vue'
import { getCurrentScope, onScopeDispose, shallowRef } from 'vue'

/** navigator.onLine as a ref, updated by the `online` and `offline` events. */
export function useOnline(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = globalThis as unknown as Window): ShallowRef<boolean> {
  const online = shallowRef(globalThis.navigator?.onLine ?? true)
  const update = () => {
    online.value = globalThis.navigator?.onLine ?? true
  }
  target.addEventListener('online', update)
  target.addEventListener('offline', update)
  if (getCurrentScope()) {
    onScopeDispose(() => {
      target.removeEventListener('online', update)
      target.removeEventListener('offline', update)
    })
  }
  return online
}
