import type { Browser, Page } from 'playwright-core'
import type { Api } from '../helpers/api'
import type { TestServer } from '../helpers/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { waitFor } from './browser'
import { hasChromium, launchChromium, newContext, signIn, SIZES } from './merchant-helpers'

const PASSWORD = 'correct horse'

// Issue 23: a store's own products, partial refunds, and orders found among all (not only the loaded 50).
describe.skipIf(!hasChromium)('merchant: catalogue, partial refunds, server search', () => {
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

  async function newStore(): Promise<{ api: Api, email: string }> {
    const { api, auth } = await registerStore(server.url, { password: PASSWORD })
    return { api, email: auth.user.email }
  }

  async function open(email: string, path: string, size: { width: number, height: number } = SIZES.desktop): Promise<Page> {
    const page = await (await newContext(browser, { viewport: size })).newPage()
    await signIn(page, server.url, { email, password: PASSWORD }, path)
    return page
  }

  it('on a phone: a new store starts empty, makes its catalogue, sells from it, and archives a product', async () => {
    const { api, email } = await newStore()
    const page = await open(email, '/orders', SIZES.phone)
    await page.getByRole('button', { name: 'Create order' }).click()
    await page.getByTestId('no-products').waitFor()
    expect(await page.getByRole('button', { name: /^One more/ }).count()).toBe(0)
    await page.getByRole('link', { name: 'Add your first product' }).click()
    await page.getByRole('heading', { name: 'Add your first product' }).waitFor()

    const add = async (name: string, price: string, category: string) => {
      await page.getByLabel('Name', { exact: true }).first().fill(name)
      await page.getByLabel('Price', { exact: true }).first().fill(price)
      await page.getByLabel(/^Category/).first().fill(category)
      await page.getByRole('button', { name: 'Add product' }).click()
      await page.getByTestId('products-list').getByText(name, { exact: true }).waitFor()
    }
    await add('Sourdough', '6.50', 'Bread')
    await add('Rye', '5', 'Bread')
    await add('Cinnamon bun', '3,75', 'Pastry')
    // A bad price is refused before it is sent.
    await page.getByLabel('Name', { exact: true }).first().fill('Free?')
    await page.getByRole('button', { name: 'Add product' }).click()
    await page.getByRole('alert').filter({ hasText: 'Enter an amount' }).waitFor()
    await page.getByLabel('Name', { exact: true }).first().fill('')

    await page.getByRole('button', { name: 'Move Rye up' }).click()
    await waitFor(async () => JSON.stringify((await api.get('/products')).body.products.map((p: any) => p.name)) === '["Rye","Sourdough","Cinnamon bun"]', 'Rye moved first')
    // Focus stays with Rye: at the top, on its other arrow.
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Move Rye down')
    await page.getByRole('button', { name: 'Edit Cinnamon bun' }).click()
    await page.getByRole('form', { name: 'Edit Cinnamon bun' }).getByLabel('Price').fill('4.00')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByTestId('products-list').getByText('$4.00 · Pastry').waitFor()
    // No page scrolls sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIZES.phone.width)

    await page.getByRole('link', { name: 'Orders', exact: true }).click()
    await page.getByRole('button', { name: 'Create order' }).click()
    const productNames = await page.getByRole('list', { name: 'Products' }).locator('.name').evaluateAll(names => names.map(n => n.firstChild!.textContent!.trim()))
    expect(productNames).toEqual(['Rye', 'Sourdough', 'Cinnamon bun'])
    await page.getByRole('button', { name: 'One more Sourdough' }).click()
    await page.getByRole('button', { name: 'One more Sourdough' }).click()
    await page.getByRole('button', { name: 'One more Cinnamon bun' }).click()
    expect(await page.getByTestId('order-total').textContent()).toBe('$17.00')
    await page.getByRole('button', { name: 'Create order' }).last().click()
    const order = await waitFor(async () => (await api.get('/orders')).body.orders[0], 'the order')
    expect(order.items.map((i: any) => [i.name, i.quantity, i.unitPriceCents])).toEqual([['Sourdough', 2, 650], ['Cinnamon bun', 1, 400]])

    await page.goto(`${server.url}/settings/products`)
    await page.getByRole('button', { name: 'Archive Sourdough' }).click()
    await page.getByTestId('archived-list').getByText('Sourdough').waitFor()
    // Delete asks first; Escape takes the question back (as for every confirmation), a second tap deletes.
    const archivedList = page.getByTestId('archived-list')
    await archivedList.getByRole('button', { name: 'Delete' }).click()
    const armed = archivedList.getByRole('button', { name: 'Delete Sourdough?' })
    await armed.waitFor()
    await page.keyboard.press('Escape')
    await archivedList.getByRole('button', { name: 'Delete', exact: true }).waitFor()
    expect((await api.get('/products')).body.products.map((p: any) => p.name)).toContain('Sourdough')
    await page.getByRole('link', { name: 'Orders', exact: true }).click()
    await page.getByRole('button', { name: 'Create order' }).click()
    await page.getByRole('button', { name: 'One more Rye' }).waitFor()
    expect(await page.getByRole('button', { name: 'One more Sourdough' }).count()).toBe(0)
    // What was sold from it still counts, by name.
    expect((await api.get('/analytics/top-products?range=today')).body.products[0]).toEqual({ name: 'Sourdough', quantity: 2, revenueCents: 1300 })
    await page.context().close()
  })

  it('a partial refund is listed on the order and moves the figures live; the last one marks the order refunded', async () => {
    const { api, email } = await newStore()
    const created = (await api.post('/orders', { items: [{ name: 'Cake', quantity: 3, unitPriceCents: 400 }], customerName: 'Ada' })).body
    await api.patch(`/orders/${created.id}`, { status: 'paid' })
    const analytics = await open(email, '/')
    await analytics.getByTestId('kpi-revenue').filter({ hasText: '$12.00' }).waitFor()
    await analytics.evaluate(() => ((window as any).notReloaded = true))

    const page = await open(email, '/orders')
    const detail = page.getByTestId('order-detail')
    await detail.getByRole('heading', { name: `Order #${created.number}` }).waitFor()
    await detail.getByRole('button', { name: `Refund order ${created.number}` }).click()
    const form = detail.getByTestId('refund-form')
    expect(await form.getByLabel('Amount').inputValue()).toBe('12.00')
    await form.getByLabel('Amount').fill('20')
    await form.getByRole('button', { name: 'Record refund of $20.00' }).click()
    await detail.getByRole('alert').filter({ hasText: 'At most $12.00 can be refunded.' }).waitFor()
    await form.getByLabel('Amount').fill('3.00')
    await form.getByLabel(/^Reason/).fill('Cold coffee')
    await form.getByRole('button', { name: 'Record refund of $3.00' }).click()
    await form.waitFor({ state: 'detached' })
    await detail.getByTestId('refunds').getByText('Cold coffee').waitFor()
    expect(await detail.getByTestId('refunds').textContent()).toContain('−$3.00')
    await detail.locator('.pill').getByText('Paid', { exact: true }).waitFor()

    await analytics.getByTestId('kpi-revenue').filter({ hasText: '$9.00' }).waitFor()
    await detail.getByRole('button', { name: `Refund order ${created.number}` }).click()
    expect(await form.getByLabel('Amount').inputValue()).toBe('9.00')
    await form.getByRole('button', { name: 'Record refund of $9.00' }).click()
    await detail.locator('.pill').getByText('Refunded', { exact: true }).waitFor()
    // The list reloads when the refunded amount changes.
    await expect.poll(() => detail.getByTestId('refunds').locator('li').count()).toBe(2)
    expect(await detail.getByRole('button', { name: `Refund order ${created.number}` }).count()).toBe(0)
    await analytics.getByTestId('kpi-revenue').filter({ hasText: '$0.00' }).waitFor()
    expect(await analytics.evaluate(() => (window as any).notReloaded)).toBe(true)
    expect((await api.get('/analytics/summary')).body).toMatchObject({ revenueCents: 0, refundedCents: 1200 })
    await analytics.context().close()
    await page.context().close()
  })

  it('the search finds an order that is not among the loaded 50, counts the matches, and a new matching order joins live', async () => {
    const { api, email } = await newStore()
    const needle = (await api.post('/orders', { items: [{ name: 'Wedding cake', quantity: 1, unitPriceCents: 25000 }], customerName: 'Zoë Needle' })).body
    for (let i = 0; i < 60; i++) {
      const order = (await api.post('/orders', { items: [{ name: 'Bun', quantity: 1, unitPriceCents: 300 }], customerName: `Guest ${i}` })).body
      if (i % 3 === 0)
        await api.patch(`/orders/${order.id}`, { status: 'paid' })
    }
    const page = await open(email, '/orders')
    await page.getByTestId('orders-list').waitFor()
    expect(await page.getByTestId('orders-list').locator('[data-order-number]').count()).toBe(50)
    await page.getByTestId('order-count').filter({ hasText: '61 orders · newest 50 shown' }).waitFor()
    expect(await page.locator(`[data-order-number="${needle.number}"]`).count()).toBe(0)

    await page.getByTestId('order-search').fill('needle')
    await page.locator(`[data-order-number="${needle.number}"]`).waitFor()
    await page.getByTestId('order-count').filter({ hasText: /^\s*1 order matches\s*$/ }).waitFor()
    await page.getByTestId('order-search').fill('250.00')
    await page.getByTestId('order-count').filter({ hasText: /^\s*1 order matches\s*$/ }).waitFor()
    await page.getByTestId('order-search').fill('wedding')
    await page.getByTestId('order-count').filter({ hasText: /^\s*1 order matches\s*$/ }).waitFor()
    expect(await page.getByTestId('orders-list').locator('[data-order-number]').count()).toBe(1)

    // A new order that matches joins the list live; one that does not stays out.
    await api.post('/orders', { items: [{ name: 'Bun', quantity: 1, unitPriceCents: 300 }], customerName: 'Somebody else' })
    const matching = (await api.post('/orders', { items: [{ name: 'Wedding cake', quantity: 1, unitPriceCents: 20000 }], customerName: 'Max' })).body
    await page.locator(`[data-order-number="${matching.number}"]`).waitFor()
    await page.getByTestId('order-count').filter({ hasText: '2 orders match' }).waitFor()
    expect(await page.getByTestId('orders-list').locator('[data-order-number]').count()).toBe(2)

    await page.getByTestId('order-search').fill('')
    await page.getByTestId('status-filter').selectOption('pending')
    const pending = (await api.get('/orders?status=pending')).body.total
    expect(pending).toBe(43)
    await page.getByTestId('order-count').filter({ hasText: `${pending} orders match · newest 43 shown` }).or(page.getByTestId('order-count').filter({ hasText: new RegExp(`^\\s*${pending} orders match\\s*$`) })).waitFor()
    await page.context().close()
  })
})
