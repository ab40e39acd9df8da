import type { Browser } from 'playwright-core'
import type { Api } from '../helpers/api'
import type { TestServer } from '../helpers/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '../helpers/server'
import { screenshot } from './browser'
import { DEMO, demoApi, hasChromium, launchChromium, newContext, overlaps, signIn, SIZES } from './merchant-helpers'

// Screenshots of both pages at a phone, a tablet both ways and a desktop, light and dark, with a live
// toast showing: tests/e2e/screenshots/merchant-<page>-<width>x<height>-<scheme>.png.
describe.skipIf(!hasChromium)('merchant: screenshots at four sizes, light and dark', () => {
  let server: TestServer
  let browser: Browser
  let api: Api

  beforeAll(async () => {
    server = await startServer({ env: { PULSE_DEMO: '1' } })
    api = await demoApi(server.url)
    // A part-paid order at the top of the list.
    const order = await api.post('/orders', { items: [{ name: 'Flat White', quantity: 2, unitPriceCents: 440 }, { name: 'Croissant', quantity: 1, unitPriceCents: 350 }], customerName: 'Mia' })
    await api.post(`/orders/${order.body.id}/payments`, { amountCents: 500, method: 'cash' })
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`${colorScheme}`, async () => {
      for (const size of Object.values(SIZES)) {
        const context = await newContext(browser, { viewport: size, colorScheme })
        const page = await context.newPage()
        await signIn(page, server.url, DEMO)
        const name = (what: string) => `merchant-${what}-${size.width}x${size.height}-${colorScheme}`
        await page.getByRole('radio', { name: 'Last 7 days' }).check()
        await page.locator('.uplot').waitFor()
        await page.waitForFunction(() => !!document.querySelector('[data-testid="revenue-chart"]')?.getAttribute('data-axes'))
        await page.getByTestId('revenue-chart').focus()
        await page.keyboard.press('End')
        await api.post('/orders', { items: [{ name: 'Latte', quantity: 1, unitPriceCents: 450 }] })
        const toast = page.getByTestId('toast').first()
        await toast.waitFor()
        expect(overlaps((await toast.boundingBox())!, (await page.locator('.app-header').boundingBox())!)).toBe(false)
        await page.waitForTimeout(300)
        await screenshot(page, name('analytics'), false)

        await page.getByRole('link', { name: 'Orders', exact: true }).click()
        await page.getByTestId('orders-list').waitFor()
        await page.locator('[data-order-number]', { hasText: 'Mia' }).first().getByRole('button').click()
        await page.getByTestId('payments').waitFor()
        await page.waitForTimeout(300)
        await screenshot(page, name('orders'), false)
        await context.close()
      }
    }, 120_000)
  }
})
