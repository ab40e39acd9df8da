import type { Browser, Page } from 'playwright-core'
import type { Api } from '../helpers/api'
import type { TestServer } from '../helpers/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { hasChromium, launchChromium, newContext, signIn, SIZES } from './merchant-helpers'

const PASSWORD = 'correct horse'
const ITEMS = [{ name: 'Latte', quantity: 2, unitPriceCents: 450 }, { name: 'Bagel', quantity: 1, unitPriceCents: 350 }]

describe.skipIf(!hasChromium)('merchant: orders', () => {
  let server: TestServer
  let browser: Browser
  let api: Api
  let email: string
  const orders: Record<string, any> = {}

  beforeAll(async () => {
    server = await startServer({ env: { PULSE_DEMO: '0' } })
    const store = await registerStore(server.url, { password: PASSWORD, timeZone: 'Europe/Berlin' })
    api = store.api
    email = store.auth.user.email
    const make = async (customerName: string) => (await api.post('/orders', { items: ITEMS, customerName })).body
    orders.cancelled = await make('Cleo')
    await api.patch(`/orders/${orders.cancelled.id}`, { status: 'cancelled' })
    orders.paid = await make('Ada Lovelace')
    await api.patch(`/orders/${orders.paid.id}`, { status: 'paid' })
    orders.pending = await make('Grace')
    orders.part = await make('Ada Byron')
    await api.post(`/orders/${orders.part.id}/payments`, { amountCents: 300, method: 'cash' })
    for (const [name, priceCents] of [['Latte', 450], ['Croissant', 350]] as const) await api.post('/products', { name, priceCents })
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  async function ordersPage(size: { width: number, height: number }): Promise<Page> {
    const context = await newContext(browser, { viewport: size })
    const page = await context.newPage()
    await signIn(page, server.url, { email, password: PASSWORD })
    await page.getByRole('link', { name: 'Orders', exact: true }).click()
    await page.getByTestId('orders-list').waitFor()
    return page
  }

  const row = (page: Page, number: number) => page.locator(`[data-order-number="${number}"]`)

  it('at 1440 px: a list and the opened order beside it; filter by status, search by number or customer (on the server)', async () => {
    const page = await ordersPage(SIZES.desktop)
    const list = (await page.getByRole('region', { name: 'Newest first' }).boundingBox())!
    const detail = (await page.getByRole('complementary', { name: 'Opened order' }).boundingBox())!
    expect(detail.x).toBeGreaterThanOrEqual(list.x + list.width)
    expect(detail.y).toBe(list.y)
    // The newest order is open by default; a click opens another one.
    await page.getByRole('heading', { name: `Order #${orders.part.number}` }).waitFor()
    await row(page, orders.pending.number).getByRole('button').click()
    await page.getByRole('heading', { name: `Order #${orders.pending.number}` }).waitFor()

    const filter = page.getByLabel('Status')
    const search = page.getByLabel('Search by order number, customer, item or amount')
    const numbers = async () => (await page.locator('[data-order-number]').evaluateAll(nodes => nodes.map(n => Number((n as HTMLElement).dataset.orderNumber))))
    await filter.selectOption('cancelled')
    await expect.poll(numbers).toEqual([orders.cancelled.number])
    await filter.selectOption('part-paid')
    await expect.poll(numbers).toEqual([orders.part.number])
    await filter.selectOption('pending')
    await expect.poll(numbers).toEqual([orders.part.number, orders.pending.number])
    await filter.selectOption('all')
    await search.fill(`#${orders.paid.number}`)
    await expect.poll(numbers).toEqual([orders.paid.number])
    await search.fill('ada')
    await expect.poll(numbers).toEqual([orders.part.number, orders.paid.number])
    await search.fill('nobody')
    // The server searched every order: none matches.
    await page.getByTestId('no-match').filter({ hasText: 'No order matches.' }).waitFor()
    await search.fill('')
    await expect.poll(numbers).toHaveLength(4)
    await page.context().close()
  })

  it('a part-paid order says so, lists its payments, and Mark paid says it records the rest', async () => {
    const page = await ordersPage(SIZES.phone)
    await row(page, orders.part.number).getByTestId('part-paid').filter({ hasText: 'Part paid · $9.50 due' }).waitFor()
    await row(page, orders.part.number).getByRole('button', { expanded: false }).click()
    const detail = page.getByTestId('order-detail')
    await detail.getByTestId('payments').getByText('Cash').waitFor()
    expect(await detail.getByTestId('payments').textContent()).toContain('$3.00')
    expect(await detail.getByTestId('order-due').textContent()).toBe('$9.50')
    const markPaid = detail.getByRole('button', { name: `Mark paid order ${orders.part.number}` })
    expect(await markPaid.evaluate(el => document.getElementById(el.getAttribute('aria-describedby')!)?.textContent?.trim())).toBe('Mark paid records the $9.50 still due as a payment (method Other).')
    // "Take payment" names its order; the form's close button is not called Cancel.
    await detail.getByRole('button', { name: `Take payment for order ${orders.part.number}` }).click()
    expect(await detail.getByLabel('Amount').inputValue()).toBe('9.50')
    await detail.getByRole('button', { name: 'Close', exact: true }).waitFor()
    expect(await detail.getByRole('button', { name: 'Cancel', exact: true }).count()).toBe(0)
    await detail.getByLabel('Method').selectOption('card')
    await detail.getByRole('button', { name: 'Record payment' }).click()
    await detail.getByTestId('payments').getByText('Card').waitFor()
    expect(await detail.getByTestId('payments').locator('li').count()).toBe(2)
    await row(page, orders.part.number).locator('.pill').getByText('Paid', { exact: true }).first().waitFor()
    await page.context().close()
  })

  it('cancel and refund ask first (Keep order / Don\'t refund, Escape), and sit apart from the safe actions', async () => {
    const page = await ordersPage(SIZES.desktop)
    await row(page, orders.pending.number).getByRole('button').click()
    const detail = page.getByTestId('order-detail')
    const markPaid = (await detail.getByRole('button', { name: /^Mark paid/ }).boundingBox())!
    const cancel = detail.getByRole('button', { name: `Cancel order ${orders.pending.number}` })
    const cancelBox = (await cancel.boundingBox())!
    expect(Math.max(cancelBox.x - (markPaid.x + markPaid.width), cancelBox.y - (markPaid.y + markPaid.height))).toBeGreaterThanOrEqual(24)

    await cancel.click()
    const confirm = detail.getByTestId('confirm')
    expect(await confirm.textContent()).toContain(`Cancel order #${orders.pending.number}?`)
    // Nothing changed yet, and focus is on the safe choice.
    expect((await api.get(`/orders/${orders.pending.id}`)).body.status).toBe('pending')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Keep order')
    await page.keyboard.press('Enter')
    await confirm.waitFor({ state: 'detached' })
    expect((await api.get(`/orders/${orders.pending.id}`)).body.status).toBe('pending')
    // Escape closes the question too, and focus returns to the button it came from.
    await cancel.click()
    await confirm.waitFor()
    await page.keyboard.press('Escape')
    await confirm.waitFor({ state: 'detached' })
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Cancel order ${orders.pending.number}`)
    await cancel.click()
    await detail.getByRole('button', { name: 'Yes, cancel order' }).click()
    await detail.locator('.pill').getByText('Cancelled', { exact: true }).waitFor()
    expect((await api.get(`/orders/${orders.pending.id}`)).body.status).toBe('cancelled')

    await row(page, orders.paid.number).getByRole('button').click()
    const refund = detail.getByRole('button', { name: `Refund order ${orders.paid.number}` })
    await refund.click()
    const form = detail.getByTestId('refund-form')
    expect(await form.textContent()).toContain('up to $12.50 can be refunded')
    expect(await form.textContent()).toContain('Pulse records the refund')
    await page.keyboard.press('Escape')
    await form.waitFor({ state: 'detached' })
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Refund order ${orders.paid.number}`)
    expect((await api.get(`/orders/${orders.paid.id}`)).body.status).toBe('paid')
    await refund.click()
    await detail.getByRole('button', { name: 'Don\'t refund' }).click()
    await form.waitFor({ state: 'detached' })
    await refund.click()
    await detail.getByRole('button', { name: 'Record refund of $12.50' }).click()
    await detail.locator('.pill').getByText('Refunded', { exact: true }).waitFor()
    expect((await api.get(`/orders/${orders.paid.id}`)).body.status).toBe('refunded')
    await page.context().close()
  })

  it('keyboard: Escape closes the order form, focus goes to the new order, and an offline order\'s card is in view', async () => {
    const page = await ordersPage(SIZES.phone)
    await page.getByRole('button', { name: 'Create order' }).click()
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('New order')
    await page.keyboard.press('Escape')
    await page.getByRole('heading', { name: 'New order' }).waitFor({ state: 'detached' })
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Create order')

    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: 'One more Latte' }).click()
    await page.getByRole('button', { name: 'Create order' }).last().click()
    await page.waitForFunction(() => /^Order #\d+$/.test(document.activeElement?.textContent?.trim() ?? ''))
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim())
    const newest = (await api.get('/orders?limit=1')).body.orders[0]
    expect(focused).toBe(`Order #${newest.number}`)

    // Offline: the queued order's card is scrolled into view.
    await page.context().setOffline(true)
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.getByRole('button', { name: 'Create order' }).click()
    await page.getByRole('button', { name: 'One more Croissant' }).click()
    await page.getByLabel('Customer (optional)').fill('Offline Olga')
    await page.getByRole('button', { name: 'Create order' }).last().click()
    const card = page.getByTestId('queued-card')
    await card.getByText('Offline Olga').waitFor()
    await page.waitForFunction(() => {
      const box = document.querySelector('[data-testid="queued-card"]')!.getBoundingClientRect()
      const header = document.querySelector('.app-header')!.getBoundingClientRect()
      return box.top >= header.bottom - 1 && box.top + 60 < window.innerHeight
    })
    await page.context().setOffline(false)
    await card.waitFor({ state: 'detached' })
    await page.context().close()
  })
})
