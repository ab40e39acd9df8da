import type { ShallowRef } from 'vue'
import { shallowRef } from 'vue'

export interface UseServiceWorkerReturn {
  /** A new version is installed and waiting: show "A new version is ready — Reload". */
  updateReady: ShallowRef<boolean>
  /** Activates the waiting version; the page reloads once it controls it. */
  applyUpdate: () => void
}

const updateReady = shallowRef(false)
let apply: () => void = () => globalThis.location?.reload()
let registered = false

/**
 * Registers the service worker with workbox-window (prompt for update: a new version waits until the
 * person chooses Reload, so a form being filled in is never lost). Loaded after first paint.
 */
export function useServiceWorker(): UseServiceWorkerReturn {
  if (!registered && import.meta.env.PROD && 'serviceWorker' in navigator) {
    registered = true
    void import('workbox-window').then(({ Workbox }) => {
      const wb = new Workbox('/sw.js', { scope: '/' })
      wb.addEventListener('waiting', () => {
        updateReady.value = true
      })
      wb.addEventListener('controlling', (event) => {
        if (event.isUpdate)
          globalThis.location.reload()
      })
      apply = () => wb.messageSkipWaiting()
      void wb.register()
    })
  }
  return { updateReady, applyUpdate: () => apply() }
}
