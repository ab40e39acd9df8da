import type { Browser } from 'playwright-core'
import type { TestServer } from '../helpers/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { connect, deliver, STRIPE_SECRET, stripeEvent, stripePaymentIntent } from '../server/support/connectors'
import { screenshot } from './browser'
import { hasChromium, launchChromium, newContext, signIn, SIZES } from './merchant-helpers'

const PASSWORD = 'correct horse'

describe.skipIf(!hasChromium)('connections in the app', () => {
  let server: TestServer
  let browser: Browser
  let email: string

  beforeAll(async () => {
    server = await startServer({ env: { PULSE_DEMO: '0' } })
    email = (await registerStore(server.url, { password: PASSWORD })).auth.user.email
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('an owner adds Stripe on a phone: the steps, the URL to copy, the secret in a password field', async () => {
    const page = await (await newContext(browser, { viewport: SIZES.phone })).newPage()
    await signIn(page, server.url, { email, password: PASSWORD }, '/settings/connections')
    await page.getByRole('radio', { name: 'Stripe' }).check()
    await page.getByRole('button', { name: 'Add Stripe' }).click()
    const card = page.locator('[data-platform="stripe"]')
    await card.getByTestId('connection-status').filter({ hasText: 'Needs its secret' }).waitFor()
    await card.getByText('payment_intent.succeeded, checkout.session.completed, charge.refunded').waitFor()
    const url = await card.getByLabel('Stripe webhook URL').inputValue()
    expect(url).toMatch(new RegExp(`^${server.url}/api/v1/webhooks/stripe/[0-9a-f-]{36}$`))
    const secret = card.getByLabel('Signing secret')
    expect(await secret.getAttribute('type')).toBe('password')
    await secret.fill(STRIPE_SECRET)
    await card.getByRole('button', { name: 'Save secret' }).click()
    await card.getByTestId('connection-status').filter({ hasText: 'Waiting for the first event' }).waitFor()
    await screenshot(page, 'connections-phone')
    // The page fits the phone: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)

    const delivered = await deliver(url, stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 1234 })))
    expect(delivered.body.outcome).toBe('applied')
    await page.reload()
    await card.getByTestId('connection-status').filter({ hasText: 'Receiving' }).waitFor()
    await card.getByText(/1 applied/).waitFor()
  })

  it('a Stripe webhook moves the open dashboard without a reload, and its order shows the Stripe chip with a link to the sale', async () => {
    const store = await registerStore(server.url, { password: PASSWORD })
    const stripe = await connect(store.api, 'stripe')
    const context = await newContext(browser)
    const dashboard = await context.newPage()
    await signIn(dashboard, server.url, { email: store.auth.user.email, password: PASSWORD })
    await dashboard.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="kpi-revenue"]')?.textContent ?? ''))
    expect(await dashboard.getByTestId('kpi-revenue').textContent()).not.toContain('42.50')
    const orders = await context.newPage()
    await orders.goto(`${server.url}/orders`)
    await orders.getByText('No orders yet.').waitFor()
    await dashboard.evaluate(() => ((window as any).notReloaded = true))

    const intent = stripePaymentIntent({ amount: 4250 })
    expect((await deliver(stripe.webhookUrl, stripeEvent('payment_intent.succeeded', intent))).body.outcome).toBe('applied')
    await dashboard.waitForFunction(() => /42\.50/.test(document.querySelector('[data-testid="kpi-revenue"]')?.textContent ?? ''), undefined, { timeout: 10_000 })
    expect(await dashboard.evaluate(() => (window as any).notReloaded)).toBe(true)

    const [order] = (await store.api.get('/orders')).body.orders
    const row = orders.locator(`[data-order-number="${order.number}"]`)
    await row.getByTestId('source-chip').filter({ hasText: 'Stripe' }).waitFor()
    await row.getByRole('button').click()
    const chip = orders.getByTestId('order-detail').getByTestId('source-chip')
    expect(await chip.getAttribute('href')).toBe(`https://dashboard.stripe.com/test/payments/${intent.id}`)
    await screenshot(orders, 'connections-order-chip', false)

    // With a sale typed into Pulse too, the analytics page splits the sales by source.
    await store.api.post('/orders', { items: [{ name: 'Latte', quantity: 1, unitPriceCents: 450 }] })
    await dashboard.reload()
    const split = dashboard.getByTestId('source-split')
    await split.getByText('Stripe').waitFor()
    expect(await split.textContent()).toMatch(/Stripe\s*1 order · \$42\.50/)
    expect(await split.textContent()).toMatch(/Pulse\s*1 order · \$0\.00/)
  })
})
