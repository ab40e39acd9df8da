import type { Browser, Page } from 'playwright-core'
import type { Api } from '../helpers/api'
import type { TestServer } from '../helpers/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { addMember } from '../server/support/team'
import { hasChromium, launchChromium, newContext, SIZES } from './merchant-helpers'

const STORE_ZONE = 'Asia/Tokyo'
const BROWSER_ZONE = 'America/Los_Angeles'

describe.skipIf(!hasChromium)('the smaller things a merchant trips over', () => {
  let server: TestServer
  let browser: Browser
  let owner: Api
  let staff: Api

  beforeAll(async () => {
    server = await startServer()
    owner = (await registerStore(server.url, { storeName: 'Tokyo Tea', timeZone: STORE_ZONE })).api
    await owner.post('/orders', { items: [{ name: 'Sencha', quantity: 1, unitPriceCents: 600 }] })
    staff = (await addMember(server, owner, 'staff')).api
    await owner.patch('/store', { staffCanSeeToday: true })
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  async function open(token: string, path: string, size: { width: number, height: number } = SIZES.phone): Promise<Page> {
    const context = await newContext(browser, { viewport: size, timezoneId: BROWSER_ZONE })
    await context.addCookies([{ name: 'pulse_session', value: token, url: server.url }])
    const page = await context.newPage()
    await page.goto(`${server.url}${path}`)
    return page
  }

  it('team at 360 px: no sideways scroll, roles described, no Remove on your own row, times in the store\'s zone', async () => {
    const page = await open(owner.token!, '/settings/team')
    await page.getByRole('heading', { name: 'Team', exact: true }).waitFor()
    await page.getByTestId('role-descriptions').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    expect((await page.getByTestId('role-descriptions').locator('dt').allTextContents()).map(t => t.trim())).toEqual(['Owner', 'Manager', 'Staff'])
    const me = (await owner.get('/auth/me')).body.user.email
    const rows = page.locator('.settings-list').first().locator('li')
    await rows.nth(1).waitFor()
    const mine = rows.filter({ hasText: me })
    expect(await mine.getByRole('button', { name: 'Remove' }).count()).toBe(0)
    expect(await mine.locator('select').count()).toBe(0)
    expect(await mine.textContent()).toContain('(you)')
    const theirs = rows.filter({ hasNotText: me })
    expect(await theirs.getByRole('button', { name: 'Remove' }).count()).toBe(1)
    // "Last seen" on the store's clock, with hours as the locale writes them (no leading zero).
    const team = (await owner.get('/team')).body.members as Array<{ email: string, lastSeenAt: string | null }>
    const seen = team.find(m => m.email === me)!.lastSeenAt!
    const expected = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: STORE_ZONE }).format(new Date(seen))
    expect(await mine.textContent()).toContain(`Last seen ${expected}`)
    await page.context().close()
  })

  it('registration and Store settings pick a time zone (this device\'s first) and a currency by name', async () => {
    const context = await newContext(browser, { viewport: SIZES.phone, timezoneId: BROWSER_ZONE })
    const page = await context.newPage()
    await page.goto(`${server.url}/register`)
    const zone = page.getByLabel('Time zone')
    expect(await zone.evaluate(el => el.tagName)).toBe('SELECT')
    expect(await zone.inputValue()).toBe(BROWSER_ZONE)
    expect((await zone.locator('option').first().textContent())!.trim()).toBe('America/Los Angeles (this device)')
    expect(await zone.locator('option').count()).toBeGreaterThan(300)
    expect(await page.getByLabel('Currency').locator('option[value="EUR"]').textContent()).toMatch(/EUR — Euro/)
    await context.close()

    const settings = await open(owner.token!, '/settings')
    const storeZone = settings.getByTestId('settings-zone')
    await settings.waitForFunction(() => (document.querySelector('[data-testid="settings-zone"]') as HTMLSelectElement | null)?.value === 'Asia/Tokyo')
    await storeZone.selectOption('Europe/Berlin')
    await settings.getByTestId('settings-currency').selectOption('EUR')
    await settings.getByRole('button', { name: 'Save' }).click()
    await settings.getByRole('status').filter({ hasText: /saved/i }).waitFor()
    expect((await owner.get('/store')).body).toMatchObject({ timeZone: 'Europe/Berlin', currency: 'EUR' })
    await owner.patch('/store', { timeZone: STORE_ZONE, currency: 'USD' })
    await settings.context().close()
  })

  it('the settings tabs keep their places whichever is chosen', async () => {
    const page = await open(owner.token!, '/settings', SIZES.desktop)
    const tabs = page.getByRole('navigation', { name: 'Settings' }).getByRole('link')
    await tabs.first().waitFor()
    const boxes = async () => Promise.all((await tabs.all()).map(async tab => (await tab.boundingBox())!.x))
    const onStore = await boxes()
    await tabs.filter({ hasText: 'Team' }).click()
    await page.waitForURL(/\/settings\/team$/)
    await page.getByTestId('role-descriptions').waitFor()
    expect(await boxes()).toEqual(onStore)
    await page.context().close()
  })

  it('custom is highlighted only once its dates are applied', async () => {
    const page = await open(owner.token!, '/', SIZES.desktop)
    await page.getByTestId('kpi-orders').filter({ hasText: /^1$/ }).waitFor()
    await page.getByRole('radio', { name: 'Custom dates' }).check()
    await page.getByRole('form', { name: 'Custom range' }).waitFor()
    // Still Today's figures, so still Today highlighted.
    expect(await page.locator('.range.active').textContent()).toContain('Today')
    await page.getByRole('button', { name: 'Apply' }).click()
    await page.waitForURL(/range=custom/)
    await page.locator('.range.active', { hasText: 'Custom' }).waitFor()
    await page.context().close()
  })

  it('staff allowed today\'s figures only are offered no other range', async () => {
    const page = await open(staff.token!, '/')
    await page.getByTestId('kpi-orders').filter({ hasText: /^1$/ }).waitFor()
    expect(await page.getByRole('radio', { name: 'Last 7 days' }).count()).toBe(0)
    expect(await page.getByRole('radio', { name: 'Custom dates' }).count()).toBe(0)
    await page.context().close()
  })
})
