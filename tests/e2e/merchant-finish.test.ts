import type { Browser, ConsoleMessage } from 'playwright-core'
import type { TestServer } from '../helpers/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '../helpers/server'
import { launchBrowser } from './browser'
import { DEMO, demoApi, hasChromium, launchChromium, newContext, signIn, SIZES } from './merchant-helpers'

// Issue 23, item 8's last four: a new device's first visit, offline after a second tab, compact figures.
describe.skipIf(!hasChromium)('merchant: a first visit, a second tab, compact figures', () => {
  let server: TestServer
  let browser: Browser

  beforeAll(async () => {
    server = await startServer({ env: { PULSE_DEMO: '1' } })
    await demoApi(server.url)
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('a brand-new device opens the app without a 401: /auth/me answers 200 {user: null}, sign-in is shown', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors: string[] = []
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error')
        errors.push(message.text())
    })
    const answers: Array<{ status: number, body: unknown }> = []
    page.on('response', async (response) => {
      if (response.url().endsWith('/api/v1/auth/me'))
        answers.push({ status: response.status(), body: await response.json() })
    })
    await page.goto(`${server.url}/orders`)
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/sign-in')
    expect(answers).toEqual([{ status: 200, body: { user: null, store: null } }])
    expect(errors).toEqual([])
    await context.close()
  })

  it('after a second tab has come and gone, an offline reload says Offline, not Connecting…', async () => {
    const own = await launchBrowser()
    try {
      const page = await own.firstPage()
      await signIn(page, server.url, DEMO)
      // The service worker installs on the first visit and controls the pages after it.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready
      })
      await page.reload()
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
      await page.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
      // A second tab joins (it follows this one's stream), then goes away.
      const second = await own.context.newPage()
      await second.goto(`${server.url}/`)
      await second.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
      await second.close()
      await page.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()

      await own.context.setOffline(true)
      await page.reload()
      await page.getByTestId('offline-banner').waitFor()
      await page.getByTestId('live-badge').filter({ hasText: 'Offline' }).waitFor({ timeout: 3000 })
      // And it stays so (no leader's "Connecting…" coming in late).
      await page.waitForTimeout(1500)
      expect((await page.getByTestId('live-badge').textContent())?.trim()).toBe('Offline')
    }
    finally {
      await own.context.setOffline(false)
      await own.close()
    }
  }, 60_000)

  it('on a phone, a compact figure is a button named with the exact amount: a tap shows it, another hides it', async () => {
    const context = await newContext(browser, { viewport: SIZES.phone, hasTouch: true })
    const page = await context.newPage()
    await signIn(page, server.url, DEMO)
    await page.getByRole('radio', { name: 'Last 90 days' }).check()
    const card = page.getByRole('region', { name: 'Collected', exact: true })
    // 90 days of the demo store is more than $10,000: too wide for a 360 px card.
    const reveal = card.getByRole('button', { name: /^\$\d{2,3},\d{3}\.\d{2}$/ })
    await reveal.waitFor()
    const exact = (await card.locator('.value').getAttribute('data-value'))!
    expect(await reveal.getAttribute('aria-label')).toBe(exact)
    expect((await reveal.textContent())?.trim()).toMatch(/^\$[\d.]+K$/)
    const line = page.getByTestId('kpi-revenue-exact')
    expect(await line.isVisible()).toBe(false)
    expect(await reveal.getAttribute('aria-expanded')).toBe('false')

    await reveal.tap()
    await line.waitFor({ state: 'visible' })
    expect((await line.textContent())?.trim()).toBe(exact)
    expect(await reveal.getAttribute('aria-expanded')).toBe('true')
    // The exact line fits the card on one line.
    const [lineBox, cardBox] = [await line.boundingBox(), await card.boundingBox()]
    expect(lineBox!.x + lineBox!.width).toBeLessThanOrEqual(cardBox!.x + cardBox!.width)

    await reveal.click()
    await line.waitFor({ state: 'hidden' })
    expect(await reveal.getAttribute('aria-expanded')).toBe('false')
    await context.close()
  })
})
