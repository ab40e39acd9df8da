import type { Page } from 'playwright-core'
import type { Api } from '../helpers/api'
import type { TestServer } from '../helpers/server'
import type { StallProxy } from '../helpers/stall-proxy'
import type { TestBrowser } from './browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { signedInPage } from '../helpers/signed-in-page'
import { startStallProxy } from '../helpers/stall-proxy'
import { hasChromium, launchBrowser } from './browser'

const HEARTBEAT_MS = 1000
const order = (cents: number) => ({ items: [{ name: 'Bun', quantity: 1, unitPriceCents: cents }] })

describe.skipIf(!hasChromium)('counter mode says whether it is connected, and opens offline', () => {
  let server: TestServer
  let proxy: StallProxy
  let browser: TestBrowser
  let page: Page
  let api: Api

  beforeAll(async () => {
    server = await startServer({ env: { PULSE_HEARTBEAT_MS: String(HEARTBEAT_MS) } })
    proxy = await startStallProxy(server.url)
    ;({ api } = await registerStore(server.url, { storeName: 'Corner Bakery' }))
    await api.post('/orders', order(250))
    browser = await launchBrowser()
    page = await signedInPage(browser.context, proxy.url, api.token!)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await proxy?.close()
    await server?.dispose()
  })

  const badge = () => page.getByTestId('counter').getByTestId('live-badge')
  const orders = () => page.getByTestId('counter-orders')

  it('shows the live state on the counter itself: Reconnecting… and Offline through a stall, Live with the missed orders after', async () => {
    await page.goto(`${proxy.url}/counter`)
    await badge().filter({ hasText: /^\s*Live\s*$/ }).waitFor()
    expect(await badge().isVisible()).toBe(true)
    await orders().filter({ hasText: /^1$/ }).waitFor()

    proxy.stall()
    await api.post('/orders', order(300))
    await api.post('/orders', order(450))
    await badge().filter({ hasText: 'Reconnecting…' }).waitFor({ timeout: HEARTBEAT_MS + 15_000 + 5000 })
    await badge().filter({ hasText: /^\s*Offline\s*$/ }).waitFor({ timeout: 10_000 })
    expect(await orders().textContent()).toBe('1')

    proxy.resume()
    await badge().filter({ hasText: /^\s*Live\s*$/ }).waitFor({ timeout: 40_000 })
    await orders().filter({ hasText: /^3$/ }).waitFor()
  }, 120_000)

  it('reloaded offline, opens from the last figures with their time instead of "Could not load"', async () => {
    // The worker registers seconds after the page loaded; once active it serves the reload's app shell.
    // The stall above may have cut its registration off (the server closes the proxy's connections that
    // send nothing), so it registers on a load with a working network.
    await page.reload()
    await badge().filter({ hasText: /^\s*Live\s*$/ }).waitFor()
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    await api.post('/orders', order(125))
    await orders().filter({ hasText: /^4$/ }).waitFor()
    const revenue = await page.getByTestId('counter-revenue').textContent()
    const feed = await page.getByTestId('counter-feed').textContent()

    await browser.context.setOffline(true)
    try {
      await page.reload()
      await page.getByTestId('counter').getByTestId('offline-banner').filter({ hasText: /Offline — showing data from \d{1,2}:\d{2}/ }).waitFor()
      await badge().filter({ hasText: /^\s*Offline\s*$/ }).waitFor()
      expect(await orders().textContent()).toBe('4')
      expect(await page.getByTestId('counter-revenue').textContent()).toBe(revenue)
      expect(await page.getByTestId('counter-feed').textContent()).toBe(feed)
      expect(await page.getByTestId('counter').textContent()).not.toMatch(/Could not load|Retry/)
    }
    finally {
      await browser.context.setOffline(false)
    }
    // Back online: live again, and today's figures afresh.
    await badge().filter({ hasText: /^\s*Live\s*$/ }).waitFor({ timeout: 30_000 })
    await api.post('/orders', order(100))
    await orders().filter({ hasText: /^5$/ }).waitFor()
    expect(await page.getByTestId('offline-banner').count()).toBe(0)
  }, 120_000)
})
