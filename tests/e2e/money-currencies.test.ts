import type { Browser, Page } from 'playwright-core'
import type { TestServer } from '../helpers/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { CURRENCY_CASES } from '../server/support/currencies'
import { parseCsv } from '../server/support/parse-csv'
import { hasChromium, launchChromium, newContext, signIn } from './merchant-helpers'

const PASSWORD = 'correct horse'

// Yen have no minor unit and dinars three: the app reads and shows each in its own (¥1,200 is not ¥12).
describe.skipIf(!hasChromium)('money in the browser in each currency\'s minor units', () => {
  let server: TestServer
  let browser: Browser

  beforeAll(async () => {
    server = await startServer({ env: { PULSE_DEMO: '0' } })
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  async function open(email: string, path: string): Promise<Page> {
    const page = await (await newContext(browser, { locale: 'en-US', timezoneId: 'UTC' })).newPage()
    await signIn(page, server.url, { email, password: PASSWORD }, path)
    return page
  }

  for (const sale of CURRENCY_CASES) {
    it(`${sale.currency}: the orders list, the payment and refund forms, the order detail, the CSV and the collected KPI agree`, async () => {
      const { api, auth } = await registerStore(server.url, { password: PASSWORD, currency: sale.currency, timeZone: 'UTC' })
      const order = (await api.post('/orders', { items: [{ name: 'Tea', quantity: 2, unitPriceCents: sale.unit }], customerName: 'Ada' })).body
      expect(order.totalCents).toBe(sale.total)

      const page = await open(auth.user.email, '/orders')
      await page.locator(`[data-order-number="${order.number}"]`).filter({ hasText: sale.shown.total }).waitFor()
      const detail = page.getByTestId('order-detail')
      await detail.getByRole('heading', { name: `Order #${order.number}` }).waitFor()

      // The payment form offers what is due, in the currency's own digits, and records it as typed.
      await detail.getByRole('button', { name: `Take payment for order ${order.number}` }).click()
      const amount = detail.getByLabel('Amount')
      expect(await amount.inputValue()).toBe(sale.typed.total)
      await detail.getByRole('button', { name: 'Record payment' }).click()
      await detail.getByText(/^paid$/i).first().waitFor()

      await detail.getByRole('button', { name: `Refund order ${order.number}` }).click()
      const form = detail.getByTestId('refund-form')
      expect(await form.getByLabel('Amount').inputValue()).toBe(sale.typed.total)
      await form.getByLabel('Amount').fill(sale.typed.refund)
      await form.getByRole('button', { name: `Record refund of ${sale.shown.refund}` }).click()
      await form.waitFor({ state: 'detached' })
      await expect.poll(() => detail.getByTestId('refunds').textContent()).toContain(`−${sale.shown.refund}`)
      expect(await detail.textContent()).toContain(sale.shown.total)

      expect((await api.get(`/orders/${order.id}`)).body).toMatchObject({ totalCents: sale.total, paidCents: sale.total, refundedCents: sale.refund })
      const [header, row] = parseCsv((await api.get('/exports/orders.csv?range=today')).body as string)
      expect([row[header.indexOf('total')], row[header.indexOf('paid')], row[header.indexOf('refunded')]]).toEqual([sale.csv.total, sale.csv.total, sale.csv.refunded])

      await page.goto(`${server.url}/`)
      await page.getByTestId('kpi-revenue').filter({ hasText: sale.shown.collected }).waitFor()
      await page.context().close()
    })
  }
})
