/* Pulse's Web Push handlers, loaded into the generated service worker with importScripts (a file,
   not an inline script, so that a `default-src 'self'` CSP holds). Every push shows a notification:
   the platforms require it (userVisibleOnly). */
/* eslint-disable no-restricted-globals */

const ICON = '/pwa-192x192.png'
const BADGE = '/badge-96x96.png'

function readPush(event) {
  if (!event.data)
    return { title: 'Pulse', body: 'Something happened in your store.', url: '/' }
  try {
    return event.data.json()
  }
  catch {
    return { title: 'Pulse', body: event.data.text(), url: '/' }
  }
}

/** The app icon badge shows the store's pending orders, where the Badging API exists. */
function updateBadge(count) {
  if (typeof count !== 'number' || !('setAppBadge' in self.navigator))
    return Promise.resolve()
  return (count > 0 ? self.navigator.setAppBadge(count) : self.navigator.clearAppBadge()).catch(() => {})
}

self.addEventListener('push', (event) => {
  const push = readPush(event)
  const options = {
    body: push.body || '',
    icon: ICON,
    badge: BADGE,
    // One notification per order: its payment (or a repeated delivery) replaces the new-order one.
    tag: push.tag || undefined,
    renotify: Boolean(push.tag),
    timestamp: Date.now(),
    data: { url: push.url || '/', type: push.type, orderId: push.orderId, seq: push.seq },
  }
  event.waitUntil(Promise.all([
    self.registration.showNotification(push.title || 'Pulse', options),
    updateBadge(push.pendingCount),
  ]))
})

self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const target = new URL((event.notification.data && event.notification.data.url) || '/', self.location.origin)
  if (target.origin !== self.location.origin)
    return
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
    const open = windows.find(client => new URL(client.url).origin === self.location.origin)
    if (open) {
      // An open Pulse moves to the order without a reload (the app routes on this message).
      open.postMessage({ type: 'pulse:navigate', url: target.pathname + target.search })
      await open.focus().catch(() => {})
      return
    }
    await self.clients.openWindow(target.href)
  })())
})
