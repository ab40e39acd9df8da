import type { Page } from 'playwright-core'
import type { TestServer } from '../helpers/server'
import type { TestBrowser } from './browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '../helpers/server'
import { hasChromium, launchBrowser } from './browser'

declare global {
  interface Window { __cspViolations?: string[] }
}

describe.skipIf(!hasChromium)('the PWA under its Content-Security-Policy in Chromium', () => {
  let server: TestServer
  let browser: TestBrowser
  let page: Page
  const consoleViolations: string[] = []

  beforeAll(async () => {
    server = await startServer({ env: { PULSE_REGISTER_MAX_PER_HOUR: '0' } })
    browser = await launchBrowser()
    // Every document of the context reports violations before any of its own scripts run.
    await browser.context.addInitScript(() => {
      window.__cspViolations = []
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__cspViolations!.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`)
      })
    })
    page = await browser.firstPage()
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text()))
        consoleViolations.push(message.text())
    })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  async function violations(): Promise<string[]> {
    return [...await page.evaluate(() => window.__cspViolations ?? []), ...consoleViolations]
  }

  it('is served with the CSP on', async () => {
    const response = await page.goto(`${server.url}/sign-in`)
    const csp = await response!.headerValue('content-security-policy')
    expect(csp).toContain(`default-src 'self'`)
    expect(csp).toContain(`script-src 'self'`)
    expect(csp).not.toContain('unsafe-inline')
  })

  it('registers, draws the chart, creates an order and installs its service worker with no violation', async () => {
    await page.getByRole('link', { name: 'Create a store' }).click()
    await page.getByLabel('Store name').fill('CSP Bakery')
    await page.getByLabel('Email').fill(`csp-${Date.now().toString(36)}@example.test`)
    await page.getByLabel('Password').fill('correct horse battery')
    await page.getByRole('button', { name: 'Create store' }).click()
    await page.waitForURL(`${server.url}/`)
    await page.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
    await page.locator('.uplot').waitFor()

    // A new store has no products: its first one is added from the order form's first step.
    await page.getByRole('link', { name: 'Orders', exact: true }).click()
    await page.getByRole('button', { name: 'Create order' }).click()
    await page.getByRole('link', { name: 'Add your first product' }).click()
    // The order form's custom line has a Name field too: type only once the products page is there.
    const form = page.getByTestId('product-form')
    await form.waitFor()
    await form.getByLabel('Name').fill('Latte')
    await form.getByLabel('Price').fill('4.50')
    await form.getByRole('button', { name: 'Add product' }).click()
    await page.getByTestId('products-list').getByText('Latte').waitFor()
    await page.getByRole('link', { name: 'Orders', exact: true }).click()
    await page.getByRole('button', { name: 'Create order' }).click()
    await page.getByRole('button', { name: 'One more Latte' }).click()
    await page.getByLabel('Customer (optional)').fill('Ada CSP')
    await page.getByRole('button', { name: 'Create order' }).last().click()
    await page.getByTestId('orders-list').getByText('Ada CSP').waitFor()

    await page.getByRole('link', { name: 'Analytics', exact: true }).click()
    await page.locator('.uplot canvas').first().waitFor()
    expect(await page.evaluate(() => navigator.serviceWorker.ready.then(registration => registration.active?.scriptURL))).toBe(`${server.url}/sw.js`)
    await page.reload()
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
    await page.locator('.uplot').waitFor()
    expect(await violations()).toEqual([])
  })

  it('would report a violation (the listener works): an inline script is refused', async () => {
    await page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'window.__inlineRan = true'
      document.body.append(script)
    })
    await page.waitForFunction(() => (window.__cspViolations ?? []).length > 0)
    expect(await page.evaluate(() => (window as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined()
    expect((await violations())[0]).toMatch(/^script-src/)
  })
})
