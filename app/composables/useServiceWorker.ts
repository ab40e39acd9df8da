import type { ShallowRef } from 'vue'
import { shallowRef } from 'vue'
import { whenIdleAfterLoad } from '../logic/idle'

export interface UseServiceWorkerReturn {
  /** A new version is installed and waiting: show "A new version is ready — Reload". */
  updateReady: ShallowRef<boolean>
  /** Activates the waiting version; the page reloads once it controls it. */
  applyUpdate: () => void
}

/** The part of workbox-window's Workbox that the prompt needs. */
export interface WorkboxLike {
  addEventListener: ((type: 'waiting', listener: () => void) => void) & ((type: 'controlling', listener: (event: { isUpdate?: boolean }) => void) => void)
  messageSkipWaiting: () => void
  register: () => Promise<unknown>
}

export interface RegisterOptions {
  /** @default () => new Workbox('/sw.js', { scope: '/' }) from workbox-window, loaded when registering */
  createWorkbox?: () => Promise<WorkboxLike>
  /** @default () => location.reload() */
  reload?: () => void
}

const updateReady = shallowRef(false)
let apply: () => void = () => {}
let registered = false

/**
 * Registers the service worker with workbox-window, as "prompt for update": a new version waits until
 * the person chooses Reload (so a half-filled form is never lost), then takes over and the page reloads.
 */
export async function registerServiceWorker(options: RegisterOptions = {}): Promise<void> {
  if (registered)
    return
  registered = true
  const {
    createWorkbox = async () => new (await import('workbox-window')).Workbox('/sw.js', { scope: '/' }) as unknown as WorkboxLike,
    reload = () => globalThis.location.reload(),
  } = options
  const wb = await createWorkbox()
  wb.addEventListener('waiting', () => {
    updateReady.value = true
  })
  wb.addEventListener('controlling', (event) => {
    if (event.isUpdate)
      reload()
  })
  apply = () => wb.messageSkipWaiting()
  await wb.register()
}

export function useServiceWorker(): UseServiceWorkerReturn {
  // After `load` and once idle: installing the worker precaches the whole app, which must not compete
  // with the first page's own requests and rendering.
  if (import.meta.env.PROD && typeof navigator !== 'undefined' && 'serviceWorker' in navigator)
    whenIdleAfterLoad(() => void registerServiceWorker().catch(error => console.warn('service worker registration failed', error)), { timeout: 5000 })
  return { updateReady, applyUpdate: () => apply() }
}
