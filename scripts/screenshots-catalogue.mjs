// Screenshots of the catalogue, refund and search pages, to be looked at (not compared): the Products settings page,
// the order form with the catalogue's category tabs, a partial refund, and the server search, at a phone
// and a desktop, light and dark. Runs the production build (npm run build first) with the demo store:
//   npm run screenshots:catalogue  → tests/e2e/screenshots/issue23-<what>-<width>-<scheme>.png
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { chromiumPath } from '../bench/lib/chromium.mjs'
import { startPulse } from '../bench/lib/server.mjs'

const OUT = join(import.meta.dirname, '../tests/e2e/screenshots')
const SIZES = [{ width: 360, height: 740 }, { width: 1440, height: 900 }]
const DEMO = { email: 'demo@pulse.local', password: 'pulse-demo' }

async function demoToken(url) {
  for (let tries = 0; tries < 120; tries++) {
    const response = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO) })
    if (response.ok)
      return (await response.json()).token
    await new Promise(resolve => setTimeout(resolve, 500))
  }
  throw new Error('the demo store was not seeded')
}

async function call(url, token, method, path, body) {
  const response = await fetch(`${url}/api/v1${path}`, { method, headers: { 'authorization': `Bearer ${token}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) })
  return response.json()
}

mkdirSync(OUT, { recursive: true })
const server = await startPulse({ env: { PULSE_DEMO: '1' } })
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] })
try {
  const token = await demoToken(server.url)
  // A paid order with one partial refund, opened in the refund shots.
  const order = await call(server.url, token, 'POST', '/orders', { items: [{ name: 'Latte', quantity: 2, unitPriceCents: 450 }, { name: 'Croissant', quantity: 1, unitPriceCents: 350 }], customerName: 'Mia' })
  await call(server.url, token, 'PATCH', `/orders/${order.id}`, { status: 'paid' })
  await call(server.url, token, 'POST', `/orders/${order.id}/refunds`, { amountCents: 450, reason: 'Spilled latte' })
  for (const colorScheme of ['light', 'dark']) {
    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: size, colorScheme, serviceWorkers: 'block' })
      const page = await context.newPage()
      const shot = (what, fullPage = false) => page.screenshot({ path: join(OUT, `issue23-${what}-${size.width}-${colorScheme}.png`), fullPage })
      await page.goto(`${server.url}/sign-in`)
      await page.getByLabel('Email').fill(DEMO.email)
      await page.getByLabel('Password').fill(DEMO.password)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL(`${server.url}/`)

      await page.goto(`${server.url}/settings/products`)
      await page.getByTestId('products-list').getByText('Latte', { exact: true }).waitFor()
      await shot('products', true)

      await page.goto(`${server.url}/orders`)
      await page.getByTestId('orders-list').waitFor()
      await page.getByRole('button', { name: 'Create order' }).click()
      await page.getByRole('button', { name: 'Bakery' }).click()
      await page.getByRole('button', { name: 'One more Croissant' }).click()
      await shot('order-form')
      await page.getByRole('button', { name: 'Close' }).click()

      await page.locator(`[data-order-number="${order.number}"]`).getByRole('button').first().click()
      await page.getByTestId('order-detail').getByTestId('refunds').waitFor()
      await page.getByRole('button', { name: `Refund order ${order.number}` }).click()
      await page.getByTestId('refund-form').getByLabel(/^Reason/).fill('Wrong order')
      await page.getByTestId('refund-form').scrollIntoViewIfNeeded()
      await shot('refund')
      await page.keyboard.press('Escape')

      await page.getByTestId('order-search').fill('mia')
      await page.getByTestId('order-count').filter({ hasText: 'match' }).waitFor()
      await page.evaluate(() => window.scrollTo(0, 0))
      await shot('search')
      await context.close()

      // A store registered today: no products yet, and the first step says so.
      const fresh = await browser.newContext({ viewport: size, colorScheme, serviceWorkers: 'block' })
      const newPage = await fresh.newPage()
      await newPage.goto(`${server.url}/register`)
      await newPage.getByLabel('Store name').fill('Corner Bakery')
      await newPage.getByLabel('Email').fill(`bakery-${size.width}-${colorScheme}@example.test`)
      await newPage.getByLabel('Password').fill('correct horse battery')
      await newPage.getByRole('button', { name: 'Create store' }).click()
      await newPage.waitForURL(`${server.url}/`)
      await newPage.goto(`${server.url}/orders`)
      await newPage.getByRole('button', { name: 'Create order' }).click()
      await newPage.getByTestId('no-products').waitFor()
      await newPage.screenshot({ path: join(OUT, `issue23-order-form-empty-${size.width}-${colorScheme}.png`) })
      await fresh.close()
    }
  }
  console.log(`screenshots in ${OUT}`)
}
finally {
  await browser.close()
  await server.dispose()
}
