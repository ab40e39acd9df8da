import type { TestServer } from '../helpers/server'
import type { TestBrowser } from './browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '../helpers/server'
import { hasChromium, launchBrowser } from './browser'
import { DEMO, signIn } from './merchant-helpers'

describe.skipIf(!hasChromium)('the service worker on a flaky network', () => {
  let server: TestServer
  let browser: TestBrowser

  beforeAll(async () => {
    server = await startServer({ env: { PULSE_DEMO: '1' } })
    browser = await launchBrowser()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('registers once the network is back when its first registration failed offline', async () => {
    const page = await browser.firstPage()
    const failures: string[] = []
    page.on('console', (message) => {
      if (message.text().includes('service worker registration failed'))
        failures.push(message.text())
    })
    await signIn(page, server.url, DEMO)
    await page.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
    // Offline before the worker's registration (seconds after the page went idle), so that it fails.
    await browser.context.setOffline(true)
    await expect.poll(() => failures.length, { timeout: 30_000 }).toBeGreaterThan(0)
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0)

    await browser.context.setOffline(false)
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)
    expect(scope).toBe(`${server.url}/`)
  }, 90_000)
})
