import type { Page, Request } from 'playwright-core'
import type { Api } from '../helpers/api'
import type { TestServer } from '../helpers/server'
import type { TestBrowser } from './browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectPageErrors, expectLaidOut } from '../helpers/page-checks'
import { startServer } from '../helpers/server'
import { waitUntil } from '../helpers/wait'
import { hasChromium, launchBrowser, screenshot } from './browser'
import { DEMO, demoApi } from './merchant-helpers'

function number(text: string | null): number {
  return Number((text ?? '').replace(/[^\d.-]/g, ''))
}

async function openStreams(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.url}/api/v1/metrics`)).text()
  const match = /^pulse_stream_open\s+(\d+)/m.exec(text)
  return match ? Number(match[1]) : Number.NaN
}

const isStream = (request: Request) => request.url().includes('/api/v1/events/stream')

describe.skipIf(!hasChromium)('the Pulse PWA in Chromium', () => {
  let server: TestServer
  let browser: TestBrowser
  let api: Api
  let page: Page

  beforeAll(async () => {
    server = await startServer({ env: { PULSE_DEMO: '1' } })
    api = await demoApi(server.url)
    browser = await launchBrowser()
    page = await browser.firstPage()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('sends a signed-out visitor to sign in, and back to where they were going', async () => {
    await page.goto(`${server.url}/orders`)
    await page.waitForURL(/\/sign-in\?redirect=(%2F|\/)orders/)
    await page.getByLabel('Email').fill(DEMO.email)
    await page.getByLabel('Password').fill('wrong password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').filter({ hasText: /wrong/i }).waitFor()
    await page.getByLabel('Password').fill(DEMO.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${server.url}/orders`)
    await page.getByTestId('orders-list').waitFor()
  })

  it('shows the analytics with the badge Live', async () => {
    await page.getByRole('link', { name: 'Analytics', exact: true }).click()
    await page.waitForURL(`${server.url}/`)
    await page.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="kpi-revenue"]')?.textContent ?? ''))
    for (const id of ['kpi-revenue', 'kpi-orders', 'kpi-aov', 'kpi-pending'])
      expect(await page.getByTestId(id).textContent()).toMatch(/\d/)
    // The service worker is installed (needed for the offline tests below).
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
  })

  it('an order made elsewhere shows a toast and moves the KPIs, with no request but the stream', async () => {
    // The toasts', the day clock's and the live events' code come seconds after the page loaded (outside its first load): once here, nothing else is fetched.
    await page.waitForFunction(() => ['ToastList', 'useDayClock', 'apply-event'].every(name => performance.getEntriesByType('resource').some(entry => entry.name.includes(`/${name}-`))), undefined, { timeout: 20_000 })
    const ordersBefore = number(await page.getByTestId('kpi-orders').textContent())
    const revenueBefore = number(await page.getByTestId('kpi-revenue').textContent())
    const requests: string[] = []
    const record = (request: Request) => {
      if (!isStream(request))
        requests.push(`${request.method()} ${request.url()}`)
    }
    page.on('request', record)

    const created = await api.post('/orders', { items: [{ name: 'Latte', quantity: 3, unitPriceCents: 450 }], customerName: 'E2E' })
    expect(created.status).toBe(201)
    await page.getByTestId('toast').filter({ hasText: `New order #${created.body.number}` }).waitFor()
    await page.waitForFunction(expected => document.querySelector('[data-testid="kpi-orders"]')?.textContent?.replace(/\D/g, '') === String(expected), ordersBefore + 1)

    const paid = await api.patch(`/orders/${created.body.id}`, { status: 'paid' })
    expect(paid.status).toBe(200)
    await page.waitForFunction(
      expected => Number(document.querySelector('[data-testid="kpi-revenue"]')?.textContent?.replace(/[^\d.]/g, '')) === expected,
      Math.round((revenueBefore + 13.5) * 100) / 100,
    )
    page.off('request', record)
    expect(requests).toEqual([])
  })

  it('is installable (no installability errors)', async () => {
    const cdp = await browser.context.newCDPSession(page)
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
    expect(installabilityErrors).toEqual([])
    await cdp.detach()
  })

  it('keeps one stream for two tabs, and another tab takes over when the leader closes', async () => {
    await waitUntil(async () => (await openStreams(server)) === 1, 'one open stream', 20_000)
    const second = await browser.context.newPage()
    const secondStreams: string[] = []
    second.on('request', (request) => {
      if (isStream(request))
        secondStreams.push(request.url())
    })
    await second.goto(`${server.url}/`)
    await second.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
    expect(await openStreams(server)).toBe(1)

    // Both tabs get the events of the one stream (earlier toasts gone first, so that none collapses).
    await page.waitForFunction(() => !document.querySelector('[data-testid="toast"]'))
    await second.waitForFunction(() => !document.querySelector('[data-testid="toast"]'))
    const created = await api.post('/orders', { items: [{ name: 'Bagel', quantity: 1, unitPriceCents: 300 }] })
    await second.getByTestId('toast').filter({ hasText: `#${created.body.number}` }).waitFor()
    await page.getByTestId('toast').filter({ hasText: `#${created.body.number}` }).waitFor()
    expect(await openStreams(server)).toBe(1)

    // Whichever tab leads, closing it hands the stream over: still exactly one, and the other stays Live.
    const leaderIsFirst = secondStreams.length === 0
    const leader = leaderIsFirst ? page : second
    const follower = leaderIsFirst ? second : page
    await leader.close()
    await follower.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
    await waitUntil(async () => (await openStreams(server)) === 1, 'the stream to be handed over', 20_000)
    page = follower
  })

  it('the Real-time toggle closes the stream, is remembered on this device, and catches up when back on', async () => {
    await page.bringToFront()
    const toggle = page.getByRole('switch', { name: 'Real-time' })
    await toggle.uncheck()
    await page.getByTestId('live-badge').filter({ hasText: 'Paused' }).waitFor()
    await waitUntil(async () => (await openStreams(server)) === 0, 'the stream to close', 20_000)
    await page.reload()
    await page.getByTestId('live-badge').filter({ hasText: 'Paused' }).waitFor()
    expect(await page.getByRole('switch', { name: 'Real-time' }).isChecked()).toBe(false)
    expect(await page.evaluate(() => localStorage.getItem('pulse:realtime'))).toBe('off')

    // An order while real-time is off is caught up from the last seq when it is switched back on.
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="kpi-orders"]')?.textContent ?? ''))
    const before = number(await page.getByTestId('kpi-orders').textContent())
    await api.post('/orders', { items: [{ name: 'Espresso', quantity: 1, unitPriceCents: 300 }] })
    await page.getByRole('switch', { name: 'Real-time' }).check()
    await page.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
    await page.waitForFunction(expected => document.querySelector('[data-testid="kpi-orders"]')?.textContent?.replace(/\D/g, '') === String(expected), before + 1)
  })

  it('a hidden page closes the stream after its grace period and catches up at once on return', async () => {
    await waitUntil(async () => (await openStreams(server)) === 1, 'one open stream', 20_000)
    // Headless Chromium never hides a page by itself: the page's visibility is switched by hand.
    const setVisibility = (state: 'hidden' | 'visible') => page.evaluate((value) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value })
      document.dispatchEvent(new Event('visibilitychange'))
    }, state)
    await setVisibility('hidden')
    await waitUntil(async () => (await openStreams(server)) === 0, 'the stream to close after the grace period', 30_000)

    const before = number(await page.getByTestId('kpi-orders').textContent())
    const created = await api.post('/orders', { items: [{ name: 'Croissant', quantity: 2, unitPriceCents: 350 }] })
    expect(created.status).toBe(201)
    await setVisibility('visible')
    await page.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
    await page.waitForFunction(expected => document.querySelector('[data-testid="kpi-orders"]')?.textContent?.replace(/\D/g, '') === String(expected), before + 1)
    await page.getByTestId('toast').filter({ hasText: `#${created.body.number}` }).waitFor()
    expect(await openStreams(server)).toBe(1)
  }, 60_000)

  it('opens offline from the cache with the last numbers and an Offline banner', async () => {
    await page.goto(`${server.url}/`)
    await page.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="kpi-revenue"]')?.textContent ?? ''))
    const revenue = await page.getByTestId('kpi-revenue').textContent()
    const orders = await page.getByTestId('kpi-orders').textContent()

    await browser.context.setOffline(true)
    await page.reload()
    await page.getByTestId('offline-banner').filter({ hasText: /Offline — showing data from \d{1,2}:\d{2}/ }).waitFor()
    await page.getByTestId('live-badge').filter({ hasText: 'Offline' }).waitFor()
    expect(await page.getByTestId('kpi-revenue').textContent()).toBe(revenue)
    expect(await page.getByTestId('kpi-orders').textContent()).toBe(orders)
    await screenshot(page, 'offline-1280')
    // The app shell came from the precache; nothing of the API (or the stream) is in the Cache API.
    const cached = await page.evaluate(async () => {
      const urls: string[] = []
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url)
      }
      return urls
    })
    expect(cached.length).toBeGreaterThan(0)
    expect(cached.filter(url => url.includes('/api/'))).toEqual([])
  })

  it('queues an order created offline and sends it once when the network returns', async () => {
    const customer = `Offline ${Date.now().toString(36)}`
    const posts: number[] = []
    page.on('response', (response) => {
      if (response.request().method() === 'POST' && response.url().endsWith('/api/v1/orders'))
        posts.push(response.status())
    })
    await page.getByRole('link', { name: 'Orders', exact: true }).click()
    await page.getByRole('button', { name: 'Create order' }).click()
    await page.getByRole('button', { name: 'One more Latte' }).click()
    await page.getByRole('button', { name: 'One more Latte' }).click()
    await page.getByRole('button', { name: 'One more Croissant' }).click()
    expect(await page.getByTestId('order-total').textContent()).toContain('12.50')
    await page.getByLabel('Customer (optional)').fill(customer)
    await page.getByRole('button', { name: 'Create order' }).last().click()
    await page.getByTestId('queued-order').filter({ hasText: customer }).waitFor()
    expect(await page.getByTestId('queued-order').filter({ hasText: 'Queued' }).count()).toBe(1)

    await browser.context.setOffline(false)
    await page.getByTestId('queued-order').waitFor({ state: 'detached' })
    await page.getByTestId('orders-list').getByText(customer).waitFor()
    // Reconnecting again (and reopening the app) does not send it a second time.
    await page.reload()
    await page.getByTestId('orders-list').getByText(customer).first().waitFor()
    const list = await api.get('/orders?limit=100')
    expect(list.body.orders.filter((order: { customerName: string }) => order.customerName === customer)).toHaveLength(1)
    expect(posts.filter(status => status < 300)).toHaveLength(1)
  })

  it('analytics, orders and the order form at 360 px and 1280 px: no error, the key parts in view, none over another (screenshots)', async () => {
    const errors = collectPageErrors(page)
    const analytics = (where: string) => expectLaidOut(page, {
      'live badge': page.getByTestId('live-badge'),
      'collected': page.getByTestId('kpi-revenue'),
      'orders': page.getByTestId('kpi-orders'),
      'chart': page.locator('.uplot'),
      'top products': page.getByTestId('top-products'),
    }, `analytics at ${where}`)
    const orders = (where: string) => expectLaidOut(page, {
      'status filter': page.getByTestId('status-filter'),
      'search': page.getByTestId('order-search'),
      'first order': page.getByTestId('orders-list').locator('li').first(),
      'create order': page.getByRole('button', { name: 'Create order' }),
    }, `orders at ${where}`)
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(`${server.url}/`)
    await page.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
    await page.locator('.uplot').waitFor()
    await screenshot(page, 'analytics-1280')
    await analytics('1280 px')
    await page.getByRole('link', { name: 'Orders', exact: true }).click()
    await page.getByTestId('orders-list').waitFor()
    await screenshot(page, 'orders-1280', false)
    await orders('1280 px')
    // The phone's size before the page: the chart then lays out once, at that width.
    await page.setViewportSize({ width: 360, height: 780 })
    await page.getByRole('link', { name: 'Analytics', exact: true }).click()
    await page.locator('.uplot').waitFor()
    await screenshot(page, 'analytics-360')
    await analytics('360 px')
    await page.getByRole('link', { name: 'Orders', exact: true }).click()
    await page.getByTestId('orders-list').waitFor()
    await screenshot(page, 'orders-360', false)
    await orders('360 px')
    await page.getByRole('button', { name: 'Create order' }).click()
    const form = page.getByRole('form', { name: 'New order' })
    await form.waitFor()
    await screenshot(page, 'create-order-360', false)
    await expectLaidOut(page, {
      'order form': form,
      'its title': form.getByRole('heading', { name: 'New order' }),
      'its submit': form.getByRole('button', { name: 'Create order' }),
    }, 'the order form at 360 px')
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.getByRole('link', { name: 'Analytics', exact: true }).click()
    await page.locator('.uplot').waitFor()
    await screenshot(page, 'analytics-360-dark')
    await analytics('360 px, dark')
    expect(errors).toEqual([])
  }, 60_000)

  it('signs out, and registers a new store that starts empty and live', async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(/\/sign-in/)
    await page.getByRole('link', { name: 'Create a store' }).click()
    await page.getByLabel('Store name').fill('E2E Bakery')
    await page.getByLabel('Email').fill(`owner-${Date.now().toString(36)}@example.test`)
    await page.getByLabel('Password').fill('correct horse battery')
    await page.getByRole('button', { name: 'Create store' }).click()
    await page.waitForURL(`${server.url}/`)
    await page.getByText('E2E Bakery').waitFor()
    await page.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
    await page.waitForFunction(() => document.querySelector('[data-testid="kpi-orders"]')?.textContent?.trim() === '0')
    expect(await page.getByTestId('kpi-revenue').textContent()).toContain('0.00')
  })
})
