import type { Browser } from 'playwright-core'
import type { TestServer } from '../helpers/server'
import type { PlatformApis } from '../server/support/platform-apis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { connect } from '../server/support/connectors'
import { platformEnv, startPlatformApis, stripeCharges, uniqueKey } from '../server/support/platform-apis'
import { screenshot } from './browser'
import { hasChromium, launchChromium, newContext, signIn, SIZES } from './merchant-helpers'

const PASSWORD = 'correct horse'

describe.skipIf(!hasChromium)('history import in the app', () => {
  let apis: PlatformApis
  let server: TestServer
  let browser: Browser

  beforeAll(async () => {
    apis = await startPlatformApis()
    server = await startServer({ env: { PULSE_DEMO: '0', ...platformEnv(apis) } })
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
    await apis?.close()
  })

  it('an owner imports Stripe history since a date: progress, the result, and the open dashboard refreshes once without a reload', async () => {
    const store = await registerStore(server.url, { password: PASSWORD })
    const key = uniqueKey('rk_test_')
    // 150 charges of today (UTC, the store's zone), never in the future: two pages of Stripe's 100.
    const now = Math.floor(Date.now() / 1000)
    const startOfDay = now - (now % 86_400)
    const charges = stripeCharges(Array.from({ length: 150 }, () => Math.max(startOfDay, now - 60)), () => ({ amount: 200, amount_captured: 200 }))
    apis.serve('stripe', key, charges, { faults: [{ onRequest: 2, status: 429, retryAfter: '1' }] })
    const stripe = await connect(store.api, 'stripe')

    const context = await newContext(browser, { viewport: SIZES.phone })
    const dashboard = await context.newPage()
    await signIn(dashboard, server.url, { email: store.auth.user.email, password: PASSWORD })
    await dashboard.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="kpi-revenue"]')?.textContent ?? ''))
    await dashboard.evaluate(() => ((window as any).notReloaded = true))

    const settings = await context.newPage()
    await settings.goto(`${server.url}/settings/connections`)
    const card = settings.locator(`[data-connection-id="${stripe.id}"]`)
    const panel = card.getByTestId('backfill')
    await panel.getByLabel('Import history since').fill(new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10))
    const keyField = panel.getByLabel('Stripe restricted key')
    expect(await keyField.getAttribute('type')).toBe('password')
    await keyField.fill(key)
    await panel.getByRole('button', { name: 'Import history' }).click()
    // Running while Stripe says to wait (429), then done with the count.
    await panel.locator('[data-status="running"]').waitFor()
    await panel.locator('[data-status="done"]').waitFor({ timeout: 20_000 })
    expect(await panel.getByTestId('backfill-status').textContent()).toMatch(/150 new sales, 0 already in Pulse/)
    expect(await settings.content()).not.toContain(key)
    await screenshot(settings, 'backfill-phone')
    expect(await settings.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)

    // The dashboard got one reset: today's revenue is the imported sales, and the page was not reloaded.
    await dashboard.waitForFunction(() => /300\.00/.test(document.querySelector('[data-testid="kpi-revenue"]')?.textContent ?? ''), undefined, { timeout: 10_000 })
    expect(await dashboard.evaluate(() => (window as any).notReloaded)).toBe(true)

    // Again: nothing new.
    await panel.getByRole('button', { name: 'Import history' }).click()
    await settings.waitForFunction(() => /0 new sales, 150 already in Pulse/.test(document.querySelector('[data-testid="backfill-status"]')?.textContent ?? ''), undefined, { timeout: 20_000 })
  })

  it('a refused key shows the failure and offers to resume', async () => {
    const store = await registerStore(server.url, { password: PASSWORD })
    const shopify = await connect(store.api, 'shopify', { apiKey: 'shpat_not_known_here', shopDomain: 'shop1.myshopify.io' })
    const page = await (await newContext(browser)).newPage()
    await signIn(page, server.url, { email: store.auth.user.email, password: PASSWORD }, '/settings/connections')
    const panel = page.locator(`[data-connection-id="${shopify.id}"]`).getByTestId('backfill')
    await panel.getByRole('button', { name: 'Import history' }).click()
    await panel.locator('[data-status="failed"]').waitFor({ timeout: 20_000 })
    expect(await panel.getByTestId('backfill-status').textContent()).toContain('Shopify refused the API key (401)')
    await panel.getByRole('button', { name: 'Import again (resumes)' }).waitFor()
  })
})
