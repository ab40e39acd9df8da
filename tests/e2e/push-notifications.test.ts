import type { Page } from 'playwright-core'
import type { TestServer } from '../helpers/server'
import type { TestBrowser } from './browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { signedInPage } from '../helpers/signed-in-page'
import { waitUntil } from '../helpers/wait'
import { PushService } from '../server/support/push-service'
import { hasChromium, launchBrowser, screenshot } from './browser'

interface ShownNotification { title: string, body: string, tag: string, icon: string, badge: string, data: any }

async function notifications(page: Page): Promise<ShownNotification[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready
    return (await registration.getNotifications()).map(n => ({ title: n.title, body: n.body, tag: n.tag, icon: n.icon, badge: n.badge, data: n.data }))
  })
}

describe.skipIf(!hasChromium)('web push in Chromium', () => {
  let server: TestServer
  let browser: TestBrowser
  let page: Page
  let api: Awaited<ReturnType<typeof registerStore>>['api']
  let service: PushService

  beforeAll(async () => {
    service = await PushService.start()
    // The settings test stands in for the browser's push service with the local one (http://127.0.0.1).
    server = await startServer({ env: { PULSE_PUSH_ALLOW_INSECURE_ENDPOINTS: '1', PULSE_PUSH_POLL_MS: '500' } })
    ;({ api } = await registerStore(server.url, { storeName: 'Push Cafe' }))
    browser = await launchBrowser()
    page = await signedInPage(browser.context, server.url, api.token!)
    // What the person allows when the browser asks.
    await browser.context.grantPermissions(['notifications'], { origin: server.url })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
    await service?.close()
  })

  it('turning notifications on asks on a tap, and says so in words when there is no push service', async () => {
    await page.goto(`${server.url}/settings`)
    await page.getByRole('heading', { name: 'Notifications' }).waitFor()
    await page.getByTestId('push-enable').click()
    // Headless Chromium here has no push service: subscribe() never settles, the app gives up after 10 s.
    await page.getByRole('alert').filter({ hasText: /no push service/i }).waitFor({ timeout: 20_000 })
    await screenshot(page, 'settings-notifications-no-push-service', false)
  }, 40_000)

  it('a push delivered to the service worker shows a notification; clicking it opens the order', async () => {
    const order = (await api.post('/orders', { items: [{ name: 'Latte', quantity: 2, unitPriceCents: 625 }], customerName: 'Ada' })).body
    await page.goto(`${server.url}/`)
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))

    const cdp = await browser.context.newCDPSession(page)
    const registrationId = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find(r => r.scopeURL === `${server.url}/` && !r.isDeleted)
        if (ours)
          resolve(ours.registrationId)
      })
    })
    await cdp.send('ServiceWorker.enable')
    const payload = { type: 'new_order', title: `New order #${order.number} — $12.50`, body: 'Ada · Push Cafe', url: `/orders/${order.id}`, orderId: order.id, seq: 1, tag: `order-${order.id}`, pendingCount: 1 }
    // CDP's delivery to a worker that is starting up was seen lost once in a loaded full run (never in
    // isolation): the push is delivered again, as a push service would on no acknowledgement. The same
    // tag means one notification however many arrive, which the assertions below still check.
    let shown: ShownNotification | undefined
    for (let attempt = 1; !shown; attempt++) {
      await cdp.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId: await registrationId, data: JSON.stringify(payload) })
      try {
        ;[shown] = await waitUntil(async () => {
          const list = await notifications(page)
          return list.length > 0 && list
        }, 'the notification', 8_000)
      }
      catch (error) {
        if (attempt === 3)
          throw error
      }
    }
    expect(shown).toMatchObject({ title: payload.title, body: payload.body, tag: payload.tag, data: { url: payload.url, orderId: order.id } })
    expect(shown.icon).toMatch(/\/pwa-192x192\.png$/)
    expect(shown.badge).toMatch(/\/badge-96x96\.png$/)

    // A repeat of the same push (at least once delivery) replaces it: one notification per order.
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId: await registrationId, data: JSON.stringify({ ...payload, type: 'payment', title: 'Payment received — $12.50 (card)' }) })
    await waitUntil(async () => {
      const list = await notifications(page)
      return list.length === 1 && list[0].title.startsWith('Payment received')
    }, 'the payment to replace the order notification', 20_000)

    // Chromium cannot click a notification from a test: dispatch the click in the service worker.
    const worker = browser.context.serviceWorkers().find(w => w.url().startsWith(server.url))!
    await worker.evaluate(async () => {
      const scope = globalThis as unknown as { registration: ServiceWorkerRegistration, dispatchEvent: (event: Event) => boolean }
      const [notification] = await scope.registration.getNotifications()
      try {
        const Click = (globalThis as unknown as { NotificationEvent: new (type: string, init: { notification: Notification }) => Event }).NotificationEvent
        scope.dispatchEvent(new Click('notificationclick', { notification }))
      }
      catch {} // waitUntil refuses an untrusted event, after the handler has started its work.
    })
    await page.waitForURL(`${server.url}/orders/${order.id}`)
    await page.getByTestId('order-title').filter({ hasText: `Order #${order.number}` }).waitFor()
    expect(await notifications(page)).toEqual([])
    await cdp.detach()
  })

  it('with a push service, the settings subscribe this device, change its alerts and send a test notification', async () => {
    service.expectKey((await api.get('/push/public-key')).body.publicKey)
    const device = service.device()
    const settings = await browser.context.newPage()
    // The browser's side of a subscription, as PushManager would return it, pointing at the local push service.
    await settings.addInitScript(({ endpoint, keys }) => {
      let current: unknown = null
      const make = () => ({ endpoint, expirationTime: null, toJSON: () => ({ endpoint, expirationTime: null, keys }), unsubscribe: async () => {
        current = null
        return true
      } })
      PushManager.prototype.subscribe = async function () {
        current = make()
        return current as PushSubscription
      }
      PushManager.prototype.getSubscription = async function () {
        return current as PushSubscription | null
      }
    }, { endpoint: device.endpoint, keys: device.keys })
    await settings.goto(`${server.url}/settings`)
    await settings.getByTestId('push-enable').click()
    await settings.getByTestId('alert-payments').waitFor()
    const [mine] = (await api.get('/push/subscriptions')).body.subscriptions
    expect(mine.alerts).toMatchObject({ newOrders: true, payments: true })

    await settings.getByTestId('alert-payments').uncheck()
    await settings.getByLabel('Remind me of an order still pending after').selectOption('15')
    await waitUntil(async () => {
      const [now] = (await api.get('/push/subscriptions')).body.subscriptions
      return now.alerts.payments === false && now.alerts.pendingReminderMinutes === 15
    }, 'the alerts saved', 20_000)

    await settings.getByTestId('push-test').click()
    await settings.getByRole('status').filter({ hasText: /Sent/ }).waitFor()
    await waitUntil(() => service.pushesTo(device).length === 1, 'the test push at the push service', 20_000)
    expect(service.pushesTo(device)[0].payload).toMatchObject({ type: 'test', title: 'Pulse notifications work' })
    for (const width of [360, 1440]) {
      await settings.setViewportSize({ width, height: 900 })
      await screenshot(settings, `settings-notifications-on-${width}`)
    }

    await settings.getByRole('button', { name: 'Turn off on this device' }).click()
    await settings.getByRole('button', { name: 'Turn on notifications' }).waitFor()
    expect((await api.get('/push/subscriptions')).body.subscriptions).toEqual([])
    await settings.close()
    expect(service.errors).toEqual([])
  })
})
