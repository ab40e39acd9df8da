import type { Browser, Page } from 'playwright-core'
import type { Api } from '../helpers/api'
import type { TestServer } from '../helpers/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { waitUntil } from '../helpers/wait'
import { hasChromium, launchChromium, newContext, signIn } from './merchant-helpers'

const PASSWORD = 'correct horse'

/** Top products as shown: `name|N sold|$x.xx` per row. */
async function topProducts(page: Page): Promise<string[]> {
  return page.getByTestId('top-products').locator('li').evaluateAll(rows => rows.map(row => [...row.querySelectorAll('span')].map(s => s.textContent!.trim()).join('|')))
}

/** The paths of the page's API requests, from now on. */
function apiRequests(page: Page): string[] {
  const paths: string[] = []
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname
    if (path.startsWith('/api/'))
      paths.push(path)
  })
  return paths
}

describe.skipIf(!hasChromium)('live orders carry their items', () => {
  let server: TestServer
  let browser: Browser
  let api: Api
  let email: string

  beforeAll(async () => {
    server = await startServer({ env: { PULSE_DEMO: '0' } })
    const store = await registerStore(server.url, { password: PASSWORD })
    api = store.api
    email = store.auth.user.email
    await api.post('/orders', { items: [{ name: 'Latte', quantity: 2, unitPriceCents: 450 }, { name: 'Bagel', quantity: 1, unitPriceCents: 350 }] })
    await api.post('/products', { name: 'Latte', priceCents: 450 })
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  async function open(path: string): Promise<Page> {
    const page = await (await newContext(browser)).newPage()
    await signIn(page, server.url, { email, password: PASSWORD }, path)
    return page
  }

  it('an order created through the API shows its items on the open Orders page and moves top products, without a reload', async () => {
    const orders = await open('/orders')
    await orders.getByTestId('orders-list').waitFor()
    const analytics = await open('/')
    await analytics.getByTestId('top-products').waitFor()
    expect(await topProducts(analytics)).toEqual(['Latte|2 sold|$9.00', 'Bagel|1 sold|$3.50'])
    for (const page of [orders, analytics]) await page.evaluate(() => ((window as any).notReloaded = true))
    const analyticsRequests = apiRequests(analytics)
    const ordersRequests = apiRequests(orders)

    const created = (await api.post('/orders', { items: [{ name: 'Mocha', sku: 'MOC-1', quantity: 3, unitPriceCents: 500 }, { name: 'Latte', quantity: 1, unitPriceCents: 450 }], customerName: 'Live Lou' })).body
    const row = orders.locator(`[data-order-number="${created.number}"]`)
    await row.getByText('3× Mocha, 1× Latte').waitFor()
    await row.getByRole('button').click()
    const items = orders.getByTestId('order-detail').getByRole('list', { name: 'Items' })
    expect((await items.locator('li').allInnerTexts()).map(text => text.replace(/\s+/g, ' '))).toEqual(['3× Mocha $15.00', '1× Latte $4.50'])
    // Who made it, from the event, without a reload.
    expect(await orders.getByTestId('order-actors').textContent()).toContain(`Created by ${email}`)

    await analytics.waitForFunction(() => document.querySelector('[data-testid="top-products"]')?.textContent?.includes('Mocha'))
    expect(await topProducts(analytics)).toEqual(['Mocha|3 sold|$15.00', 'Latte|3 sold|$13.50', 'Bagel|1 sold|$3.50'])

    // Cancelled: its lines leave top products again, as a refetch would say.
    await api.patch(`/orders/${created.id}`, { status: 'cancelled' })
    await analytics.waitForFunction(() => !document.querySelector('[data-testid="top-products"]')?.textContent?.includes('Mocha'))
    await orders.getByTestId('order-actors').filter({ hasText: `Cancelled by ${email}` }).waitFor()
    expect(await topProducts(analytics)).toEqual(['Latte|2 sold|$9.00', 'Bagel|1 sold|$3.50'])
    const refetched = (await api.get('/analytics/top-products?range=today&limit=5')).body.products
    expect(refetched).toEqual([{ name: 'Latte', quantity: 2, revenueCents: 900 }, { name: 'Bagel', quantity: 1, revenueCents: 350 }])

    // All of it from the stream: no reload, no refetch of the figures or the orders (opening the order
    // reads its payments and refunds, which no event carries).
    for (const page of [orders, analytics]) expect(await page.evaluate(() => (window as any).notReloaded)).toBe(true)
    expect(analyticsRequests).toEqual([])
    expect(ordersRequests.length).toBeGreaterThan(0)
    expect(ordersRequests.every(path => [`/api/v1/orders/${created.id}/payments`, `/api/v1/orders/${created.id}/refunds`].includes(path))).toBe(true)
    await orders.context().close()
    await analytics.context().close()
  })

  it('one toast per created order: the app\'s own order says "created", other orders "New order"', async () => {
    const page = await open('/orders')
    await page.getByTestId('orders-list').waitFor()
    // Every toast text shown from now on, however short its life.
    await page.evaluate(() => {
      const seen: string[] = ((window as any).toastsSeen = [])
      const region = document.querySelector('[data-testid="toasts"]')!
      new MutationObserver(() => {
        for (const toast of region.querySelectorAll('[data-testid="toast"]')) {
          const text = toast.textContent!.replace('(dismiss)', '').trim()
          if (seen.at(-1) !== text && !seen.includes(text))
            seen.push(text)
        }
      }).observe(region, { childList: true, subtree: true, characterData: true })
    })
    const before = (await api.get('/orders?limit=1')).body.orders[0].number
    await page.getByRole('button', { name: 'Create order' }).click({ timeout: 5000 })
    await page.getByRole('button', { name: 'One more Latte' }).click()
    await page.getByRole('button', { name: 'Create order' }).last().click()
    const own = await waitUntil(async () => {
      const newest = (await api.get('/orders?limit=1')).body.orders[0]
      return newest.number > before && newest
    }, 'the order made in the app', 20_000)
    // Its answer or its live event, whichever comes first, makes the one toast.
    await page.getByTestId('toast').filter({ hasText: `#${own.number}` }).waitFor({ timeout: 8000 })
    // An order from elsewhere, after ours: once its toast shows, our order's live event has come too.
    const other = (await api.post('/orders', { items: [{ name: 'Bagel', quantity: 1, unitPriceCents: 350 }] })).body
    await page.getByTestId('toast').filter({ hasText: new RegExp(`New order #${other.number}|2 new orders`) }).waitFor({ timeout: 8000 })
    const seen: string[] = await page.evaluate(() => (window as any).toastsSeen)
    expect(own.totalCents).toBe(450)
    // Our order counted once: "created" (then its event stays quiet), or its live toast (then the answer does).
    expect([
      [`Order #${own.number} created`, `New order #${other.number} · $3.50`],
      [`New order #${own.number} · $4.50`, `2 new orders · $8.00`],
    ]).toContainEqual(seen)
    await page.context().close()
  })
})
