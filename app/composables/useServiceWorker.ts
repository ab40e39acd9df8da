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

/** How long after the page has loaded and gone idle the service worker is registered. */
const SERVICE_WORKER_DELAY_MS = 5000

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
  // Installing the worker precaches the whole app (every route's code, icons): on a first visit that
  // competes for the network and the CPU with the page's own start (measured: Lighthouse performance 90 →
  // 96 on a phone profile). The page needs no worker to show its figures, so it registers once the page
  // has loaded, gone idle and then stayed up a few seconds; the offline copy is ready a few seconds later.
  if (import.meta.env.PROD && typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
    whenIdleAfterLoad(() => setTimeout(() => {
      void registerServiceWorker().catch(error => console.warn('service worker registration failed', error))
    }, SERVICE_WORKER_DELAY_MS), { timeout: 5000 })
  }
  return { updateReady, applyUpdate: () => apply() }
}
