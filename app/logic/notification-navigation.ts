import type { Router } from 'vue-router'

/**
 * A tap on a notification while Pulse is open: the service worker focuses this window and posts the
 * page to show (see public/push-sw.js); the router goes there without a reload.
 */
export function followNotificationClicks(router: Router): void {
  globalThis.navigator?.serviceWorker?.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: string, url?: unknown } | null
    if (data?.type === 'pulse:navigate' && typeof data.url === 'string' && data.url.startsWith('/') && !data.url.startsWith('//'))
      void router.push(data.url)
  })
}
