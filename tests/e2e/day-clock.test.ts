import type { Browser } from 'playwright-core'
import type { TestServer } from '../helpers/server'
import type { ClockedApi } from '../server/support/clocked-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '../helpers/server'
import { signedInPage } from '../helpers/signed-in-page'
import { registerClockedStore, TEST_CLOCK_ENV } from '../server/support/clocked-api'
import { hasChromium, launchChromium, newContext } from './merchant-helpers'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const iso = (ms: number) => new Date(ms).toISOString()

describe.skipIf(!hasChromium)('a dashboard open all day stays right', () => {
  let server: TestServer
  let browser: Browser
  let api: ClockedApi
  // A UTC store two days ago (the server's clock and the browser's both set to it): yesterday sold at 09:00
  // and 12:30, today at 08:00.
  const day = Date.now() - (Date.now() % DAY) - 2 * DAY
  const at = (hours: number) => day + hours * HOUR

  beforeAll(async () => {
    server = await startServer({ env: TEST_CLOCK_ENV })
    api = await registerClockedStore(server.url, { storeName: 'All Day Bakery' })
    await api.order(iso(at(9 - 24)), 1000, { method: 'card' })
    await api.order(iso(at(12.5 - 24)), 2000, { method: 'card' })
    await api.order(iso(at(8)), 500, { method: 'cash' })
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('moves the comparison\'s cut with the clock without touching the current figures, shows its time, and rolls over at the day\'s start', async () => {
    const page = await signedInPage(await newContext(browser), server.url, api.api.token!)
    const context = page.context()
    const serverNow = (ms: number) => context.setExtraHTTPHeaders({ 'x-pulse-test-now': iso(ms) })
    await serverNow(at(10))
    await page.clock.install({ time: at(10) })
    // The clock's code comes seconds after the page loaded.
    const clockLoaded = page.waitForResponse(response => /useDayClock-[\w-]+\.js$/.test(response.url()), { timeout: 30_000 })
    await page.goto(server.url)

    const revenue = page.getByTestId('kpi-revenue')
    const delta = page.getByTestId('kpi-revenue-delta')
    const until = page.getByTestId('compare-until')
    await revenue.filter({ hasText: '$5.00' }).waitFor()
    // 10:00: today's $5.00 against yesterday's $10.00 until 10:00.
    await delta.filter({ hasText: /▼ 50 %/ }).waitFor()
    await until.filter({ hasText: /Yesterday until 10:00/ }).waitFor()
    await clockLoaded
    const summaries: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/analytics/'))
        summaries.push(new URL(request.url()).pathname)
    })

    // The afternoon: the 12:30 sale of yesterday joins the comparison; today's figures are the same.
    await serverNow(at(13))
    await page.clock.fastForward('03:00:00')
    await until.filter({ hasText: /Yesterday until 1:00/ }).waitFor({ timeout: 15_000 })
    await delta.filter({ hasText: /▼ 83 %/ }).waitFor()
    expect(await revenue.textContent()).toBe('$5.00')
    // Only the comparison's parts were asked for (summary and chart, whose current figures are not used).
    expect(new Set(summaries)).toEqual(new Set(['/api/v1/analytics/summary', '/api/v1/analytics/timeseries']))

    // Past midnight, the store's day start: a new today, compared with the day that just ended.
    await serverNow(at(24.5))
    await page.clock.fastForward('11:30:00')
    await revenue.filter({ hasText: '$0.00' }).waitFor({ timeout: 15_000 })
    await until.filter({ hasText: /Yesterday until 12:30/ }).waitFor()
    await context.close()
  }, 90_000)
})
