import type { ShallowRef } from 'vue'
import type { RegisterOptions } from '../logic/workbox-prompt'
import { shallowRef } from 'vue'
import { backoffDelay } from '../logic/backoff'
import { whenIdleAfterLoad } from '../logic/idle'

export type { RegisterOptions, WorkboxLike } from '../logic/workbox-prompt'

export interface UseServiceWorkerReturn {
  /** A new version is installed and waiting: show "A new version is ready — Reload". */
  updateReady: ShallowRef<boolean>
  /** Activates the waiting version; the page reloads once it controls it. */
  applyUpdate: () => void
}

/** How long after the page has loaded and gone idle the service worker is registered. */
const SERVICE_WORKER_DELAY_MS = 5000

/** A failed registration is tried again when the network comes back, or after this backoff. */
const RETRY_BACKOFF = { baseMs: 30_000, maxMs: 300_000 }

const updateReady = shallowRef(false)
let apply: () => void = () => {}
let registered = false
let failedAttempts = 0

/**
 * Registers the service worker, as "prompt for update" (see workbox-prompt.ts). Its code and
 * workbox-window's come only now: seconds after the page loaded, or when the settings page needs it.
 */
export async function registerServiceWorker(options: RegisterOptions = {}): Promise<void> {
  if (registered)
    return
  registered = true
  try {
    const { registerWithPrompt } = await import('../logic/workbox-prompt')
    await registerWithPrompt({
      waiting: () => {
        updateReady.value = true
      },
      applyWith: (next) => {
        apply = next
      },
    }, options)
  }
  catch (error) {
    // The worker's script (or workbox-window's chunk) could not be fetched: a later call tries again.
    registered = false
    throw error
  }
}

/**
 * Registers in the background; a page opened on a flaky network would otherwise never get its offline
 * copy, so a failure is retried on the next `online` event or after a growing delay, whichever comes first.
 */
function registerInBackground(): void {
  registerServiceWorker().then(() => {
    failedAttempts = 0
  }, (error) => {
    console.warn('service worker registration failed', error)
    let timer: ReturnType<typeof setTimeout> | undefined
    const retry = (): void => {
      clearTimeout(timer)
      globalThis.removeEventListener('online', retry)
      registerInBackground()
    }
    timer = setTimeout(retry, backoffDelay(failedAttempts++, RETRY_BACKOFF))
    globalThis.addEventListener('online', retry)
  })
}

export function useServiceWorker(): UseServiceWorkerReturn {
  // Installing the worker precaches the whole app (every route's code, icons): on a first visit that
  // competes for the network and the CPU with the page's own start (measured: Lighthouse performance 90 →
  // 96 on a phone profile). The page needs no worker to show its figures, so it registers once the page
  // has loaded, gone idle and then stayed up a few seconds; the offline copy is ready a few seconds later.
  if (import.meta.env.PROD && typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
    whenIdleAfterLoad(() => setTimeout(registerInBackground, SERVICE_WORKER_DELAY_MS), { timeout: 5000 })
  }
  return { updateReady, applyUpdate: () => apply() }
}
