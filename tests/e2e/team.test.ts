import type { Page } from 'playwright-core'
import type { Api } from '../helpers/api'
import type { TestServer } from '../helpers/server'
import type { TestBrowser } from './browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { signedInPage } from '../helpers/signed-in-page'
import { waitUntil } from '../helpers/wait'
import { hasChromium, launchBrowser, screenshot } from './browser'

describe.skipIf(!hasChromium)('team and counter devices in Chromium', () => {
  let server: TestServer
  let browser: TestBrowser
  let page: Page
  let owner: Api

  const signInAs = (token: string) => signedInPage(browser.context, server.url, token)

  beforeAll(async () => {
    server = await startServer({ env: { PULSE_DEMO: '0' } })
    owner = (await registerStore(server.url, { storeName: 'Corner Café' })).api
    await owner.post('/orders', { items: [{ name: 'Espresso', quantity: 2, unitPriceCents: 300 }] })
    browser = await launchBrowser()
    page = await browser.firstPage()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('an owner invites staff; the staff member signs up from the link and sees Orders only', { timeout: 60_000 }, async () => {
    await signInAs(owner.token!)
    await page.goto(`${server.url}/settings/team`)
    await page.getByRole('heading', { name: 'Invite someone' }).waitFor()
    await page.locator('select[name="role"]').selectOption('staff')
    await page.getByRole('button', { name: 'Create invitation link' }).click()
    const link = await page.getByLabel('Invitation link', { exact: true }).inputValue()
    expect(link).toMatch(/\/join#token=[\w-]{43}$/)
    await page.getByRole('img', { name: /QR code of the invitation link/ }).locator('svg').waitFor()
    await screenshot(page, 'team-invite')

    await browser.context.clearCookies()
    await page.goto(link)
    // The page says which store and which role, before anyone joins.
    await page.getByText('Corner Café invited you to join its team as staff.').waitFor()
    // An existing account cannot join by typing its password here: the page says to sign in first.
    const ownerEmail = (await owner.get('/auth/me')).body.user.email
    await page.getByLabel('Email').fill(ownerEmail)
    await page.getByLabel(/Password/).fill('correct horse')
    await page.getByRole('button', { name: 'Join' }).click()
    await page.getByRole('alert').filter({ hasText: /sign in with it, then open the invitation link again/ }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/join')
    await page.getByLabel('Email').fill('new.staff@example.test')
    await page.getByLabel(/Password/).fill('violet lantern orbit 42')
    await page.getByRole('button', { name: 'Join' }).click()
    // The analytics are not for staff: the app opens on Orders, with no Analytics or Settings tab.
    await page.waitForURL(`${server.url}/orders`)
    await page.getByTestId('orders-list').waitFor()
    expect(page.url()).not.toContain('token')
    const nav = page.getByRole('navigation', { name: 'Main' })
    expect((await nav.getByRole('link').allTextContents()).map(text => text.trim())).toEqual(['Orders'])
    await page.getByRole('button', { name: 'Create order' }).waitFor()
    expect(await page.getByRole('button', { name: /^Refund/ }).count()).toBe(0)
    await page.goto(`${server.url}/`)
    await page.waitForURL(`${server.url}/orders`)
    await screenshot(page, 'team-staff-orders')
    const team = await owner.get('/team')
    expect(team.body.members).toContainEqual(expect.objectContaining({ email: 'new.staff@example.test', role: 'staff' }))
  })

  it('a tablet pairs with a code, keeps the name typed on it, opens in counter mode and has no write controls', { timeout: 60_000 }, async () => {
    await signInAs(owner.token!)
    await page.goto(`${server.url}/settings/devices`)
    await page.getByRole('button', { name: 'Get a pairing code' }).click()
    const code = (await page.getByTestId('pairing-code').textContent())!.trim()
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4} [2-9A-HJ-NP-Z]{4}$/)
    await screenshot(page, 'team-pairing-code')

    await browser.context.clearCookies()
    await page.goto(`${server.url}/pair`)
    await page.getByLabel('Pairing code').fill(code.toLowerCase())
    await page.getByLabel('Name of this device').fill('Front counter')
    await page.getByRole('button', { name: 'Pair' }).click()
    // A paired display is a counter: it lands in counter mode, live.
    await page.waitForURL(`${server.url}/counter`)
    await page.getByTestId('counter').getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="counter-orders"]')?.textContent ?? ''))
    const before = Number((await page.getByTestId('counter-orders').textContent())!.replace(/\D/g, ''))
    await owner.post('/orders', { items: [{ name: 'Latte', quantity: 1, unitPriceCents: 450 }] })
    await waitUntil(async () => Number((await page.getByTestId('counter-orders').textContent())!.replace(/\D/g, '')) === before + 1, 'the live order on the tablet', 20_000)
    await screenshot(page, 'team-tablet-analytics')
    // Only this device's own settings: no team, devices or keys.
    await page.goto(`${server.url}/settings/devices`)
    await page.waitForURL(`${server.url}/`)
    await page.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()

    await page.getByRole('link', { name: 'Orders', exact: true }).click()
    await page.getByTestId('orders-list').waitFor()
    for (const name of ['Create order', /^Take payment/, /^Cancel/, /^Mark paid/, /^Refund/, /^Mark fulfilled/])
      expect(await page.getByRole('button', { name }).count(), String(name)).toBe(0)
    expect((await owner.get('/devices')).body.devices.map((d: any) => d.name)).toContain('Front counter')
  })
})

// A browser of its own: nothing of the suite above (its sessions, pages and service worker) runs while
// this one signs in.
describe.skipIf(!hasChromium)('the settings tabs on a phone in Chromium', () => {
  let server: TestServer
  let browser: TestBrowser
  let owner: Api

  beforeAll(async () => {
    server = await startServer({ env: { PULSE_DEMO: '0' } })
    owner = (await registerStore(server.url, { storeName: 'Corner Café' })).api
    browser = await launchBrowser()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('opened on a later settings tab on a phone, shows that tab whole in the sideways bar', { timeout: 60_000 }, async () => {
    const page = await signedInPage(browser.context, server.url, owner.token!)
    await page.setViewportSize({ width: 360, height: 740 })
    for (const [path, label] of [['/settings/connections', 'Connections'], ['/settings/team', 'Team']]) {
      await page.goto(`${server.url}${path}`)
      const bar = page.getByRole('navigation', { name: 'Settings' })
      const tab = bar.getByRole('link', { name: label, exact: true })
      await tab.waitFor()
      await expect.poll(async () => {
        const [outer, inner] = [await bar.boundingBox(), await tab.boundingBox()]
        return !!outer && !!inner && inner.x >= outer.x - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5
      }, { message: `${label} whole within the bar` }).toBe(true)
      expect(await page.evaluate(() => window.scrollY)).toBe(0)
    }
  })
})
