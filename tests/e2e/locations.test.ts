import type { Browser, Page } from 'playwright-core'
import type { Api } from '../helpers/api'
import type { TestServer } from '../helpers/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { screenshot } from './browser'
import { hasChromium, launchChromium, newContext, signIn, SIZES } from './merchant-helpers'

const PASSWORD = 'correct horse'

describe.skipIf(!hasChromium)('several locations in Chromium: the switcher, All locations, new store, who sold what', () => {
  let server: TestServer
  let browser: Browser
  let owner: Api
  let email: string
  let stallId: string

  beforeAll(async () => {
    server = await startServer({ env: { PULSE_DEMO: '0' } })
    const registered = await registerStore(server.url, { storeName: 'Harbour Café', currency: 'USD' })
    owner = registered.api
    email = registered.auth.user.email
    stallId = (await owner.post('/stores', { name: 'Market Stall', currency: 'EUR', timeZone: 'Asia/Kolkata' })).body.id
    await owner.post('/orders', { items: [{ name: 'Flat white', quantity: 2, unitPriceCents: 400 }] })
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  async function headerStore(page: Page): Promise<string> {
    return (await page.getByTestId('store-switcher').textContent() ?? '').trim()
  }

  it('desktop: the store name opens a menu of the stores; choosing one opens it, and the next sign-in on this device reopens it', { timeout: 90_000 }, async () => {
    const context = await newContext(browser, { viewport: SIZES.desktop })
    const page = await context.newPage()
    try {
      await signIn(page, server.url, { email, password: PASSWORD })
      await page.getByTestId('store-switcher').waitFor()
      expect(await headerStore(page)).toBe('Harbour Café')
      await page.getByTestId('store-switcher').click()
      const menu = page.getByTestId('store-menu')
      await menu.getByTestId('store-option-Market Stall').waitFor()
      // A menu under the name, not a sheet: positioned in the header, well above the bottom of the window.
      expect(await menu.evaluate(element => getComputedStyle(element).position)).toBe('absolute')
      const box = (await menu.boundingBox())!
      expect(box.y).toBeLessThan(150)
      expect(await menu.getByTestId('all-locations').isVisible()).toBe(true)
      expect(await menu.getByRole('button').allInnerTexts()).toEqual(['All locations', expect.stringMatching(/^Harbour Café\s+owner · USD$/i), expect.stringMatching(/^Market Stall\s+owner · EUR$/i)])
      await screenshot(page, 'locations-switcher-desktop', false)
      await page.keyboard.press('Escape')
      await menu.waitFor({ state: 'detached' })

      await page.getByTestId('store-switcher').click()
      await menu.getByTestId('store-option-Market Stall').click()
      await page.waitForFunction(() => document.querySelector('[data-testid="store-switcher"]')?.textContent?.includes('Market Stall'))
      await page.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
      const me = await page.evaluate(() => fetch('/api/v1/auth/me').then(response => response.json()))
      expect(me.store).toMatchObject({ id: stallId, currency: 'EUR' })

      // Signed out and in again: sign-in opens the home store, and this device moves the session to the last one.
      await page.getByRole('button', { name: 'Sign out' }).click()
      await page.waitForURL(/\/sign-in/)
      await signIn(page, server.url, { email, password: PASSWORD })
      await page.waitForFunction(() => document.querySelector('[data-testid="store-switcher"]')?.textContent?.includes('Market Stall'))
      expect((await page.evaluate(() => fetch('/api/v1/auth/me').then(response => response.json()))).store.id).toBe(stallId)
    }
    finally {
      await context.close()
    }
  })

  it('phone: a sheet from the bottom; All locations shows per-currency totals and a card per location, moves live, and a tap opens a location', { timeout: 90_000 }, async () => {
    const context = await newContext(browser, { viewport: SIZES.phone, isMobile: true, hasTouch: true })
    const page = await context.newPage()
    try {
      await signIn(page, server.url, { email, password: PASSWORD })
      // Back in the home store for this device (its own memory is empty): the first test moved another device.
      const home = (await page.evaluate(() => fetch('/api/v1/auth/me').then(response => response.json()))).store
      await page.getByTestId('store-switcher').tap()
      const sheet = page.getByTestId('store-menu')
      await sheet.getByTestId('store-option-Market Stall').waitFor()
      expect(await sheet.evaluate(element => getComputedStyle(element).position)).toBe('fixed')
      const box = (await sheet.boundingBox())!
      expect(Math.round(box.y + box.height)).toBe(SIZES.phone.height)
      expect(Math.round(box.width)).toBe(SIZES.phone.width)
      await screenshot(page, 'locations-switcher-phone', false)
      await sheet.getByTestId('all-locations').tap()
      await page.waitForURL(`${server.url}/locations`)

      const usd = page.getByTestId('total-USD')
      await usd.waitFor()
      await page.getByTestId('total-EUR').waitFor()
      const homeRow = page.getByTestId(`location-${home.name}`)
      await homeRow.waitFor()
      await page.getByTestId('location-Market Stall').waitFor()
      const ordersOf = async () => Number((await homeRow.getByTestId('location-orders').textContent())?.trim())
      const before = await ordersOf()
      const totalBefore = await usd.textContent()
      // A card per location on a phone: the figures are labelled inside the card.
      expect(await homeRow.evaluate(element => getComputedStyle(element.querySelector('.figure')!, '::before').content)).toBe('"Collected"')
      expect(await page.locator('.row.head').isVisible()).toBe(false)
      await screenshot(page, 'locations-page-phone')

      // A sale in the open store moves its card and the USD total, with no reload.
      const created = await owner.post('/orders', { items: [{ name: 'Cake', quantity: 1, unitPriceCents: 650 }] })
      expect(created.status).toBe(201)
      await owner.post(`/orders/${created.body.id}/payments`, { amountCents: 650, method: 'card' })
      await page.waitForFunction(async (count) => {
        const cell = document.querySelector(`[data-testid="location-Harbour Café"] [data-testid="location-orders"]`)
        return Number(cell?.textContent?.trim()) === count
      }, before + 1)
      await page.waitForFunction(previous => document.querySelector('[data-testid="total-USD"]')?.textContent !== previous, totalBefore)

      // A tap on another location opens it.
      await page.getByTestId('location-Market Stall').tap()
      await page.waitForFunction(() => document.querySelector('[data-testid="store-switcher"]')?.textContent?.includes('Market Stall'))
      expect(new URL(page.url()).pathname).toBe('/')
    }
    finally {
      await context.close()
    }
  })

  it('all locations follows every store on the one stream: a sale in another location moves its row and the total of its currency, with no request but the stream, and so does one missed offline (in the replay\'s batch); leaving it goes back to the stream of the open store', { timeout: 90_000 }, async () => {
    const context = await newContext(browser, { viewport: SIZES.desktop })
    // Counts the replay batches the app's stream hands to its listener.
    await context.addInitScript(() => {
      const add = EventSource.prototype.addEventListener
      ;(window as any).batchesReceived = 0
      EventSource.prototype.addEventListener = function (this: EventSource, type: string, listener: any, options?: any) {
        if (type !== 'batch')
          return add.call(this, type, listener, options)
        return add.call(this, type, (event: Event) => {
          ;(window as any).batchesReceived++
          listener(event)
        }, options)
      } as typeof add
    })
    const page = await context.newPage()
    const streams: string[] = []
    const reads: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.pathname === '/api/v1/events/stream')
        streams.push(url.search)
      else if (url.pathname === '/api/v1/analytics/locations')
        reads.push(url.search)
    })
    try {
      await signIn(page, server.url, { email, password: PASSWORD })
      const home = (await page.evaluate(() => fetch('/api/v1/auth/me').then(response => response.json()))).store
      expect(home.name).toBe('Harbour Café')
      await page.goto(`${server.url}/locations`)
      const stallRow = page.getByTestId('location-Market Stall')
      await stallRow.waitFor()
      await page.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
      // One stream, over every store, from the leader (the only tab).
      expect(streams.filter(search => search.includes('stores=all'))).toHaveLength(1)
      const stallOrders = async () => Number((await stallRow.getByTestId('location-orders').textContent())?.trim())
      const before = await stallOrders()
      const eurBefore = (await page.getByTestId('total-EUR').textContent())!
      const usdBefore = (await page.getByTestId('total-USD').textContent())!
      const readsBefore = reads.length

      // A sale in the other location, paid (the API session moves there for it, and back after).
      async function sellAtStall(item: { name: string, quantity: number, unitPriceCents: number }, method: string) {
        await owner.post('/auth/switch-store', { storeId: stallId })
        try {
          const created = await owner.post('/orders', { items: [item] })
          expect(created.status).toBe(201)
          await owner.post(`/orders/${created.body.id}/payments`, { amountCents: item.quantity * item.unitPriceCents, method })
        }
        finally {
          await owner.post('/auth/switch-store', { storeId: home.id })
        }
      }
      await sellAtStall({ name: 'Chai', quantity: 3, unitPriceCents: 250 }, 'cash')
      await page.waitForFunction(count => Number(document.querySelector('[data-testid="location-Market Stall"] [data-testid="location-orders"]')?.textContent?.trim()) === count, before + 1)
      await page.waitForFunction(previous => document.querySelector('[data-testid="total-EUR"]')?.textContent !== previous, eurBefore)
      expect(await stallRow.getByTestId('location-revenue').textContent()).toMatch(/7[.,]50/)
      // Only the euro total moved, and by the stream alone: the figures were not read again.
      expect(await page.getByTestId('total-USD').textContent()).toBe(usdBefore)
      expect(reads.length).toBe(readsBefore)

      // Offline, then back: what the other location sold meanwhile comes in the replay's batch and moves
      // its row, again with no read of the figures.
      await context.setOffline(true)
      await page.getByTestId('live-badge').filter({ hasText: /^\s*Offline\s*$/ }).waitFor()
      await sellAtStall({ name: 'Lassi', quantity: 1, unitPriceCents: 300 }, 'card')
      await context.setOffline(false)
      await page.waitForFunction(count => Number(document.querySelector('[data-testid="location-Market Stall"] [data-testid="location-orders"]')?.textContent?.trim()) === count, before + 2)
      expect(await stallRow.getByTestId('location-revenue').textContent()).toMatch(/10[.,]50/)
      expect(await page.evaluate(() => (window as any).batchesReceived)).toBeGreaterThan(0)
      expect(reads.length).toBe(readsBefore)

      // Leaving the page: the store's own stream again, resumed from its seq (not a cursor).
      const streamsBefore = streams.length
      await page.getByRole('link', { name: 'Orders' }).click()
      await page.waitForURL(`${server.url}/orders`)
      await expect.poll(() => streams.slice(streamsBefore)).toContainEqual(expect.stringMatching(/^\?lastEventId=\d+$/))
      expect(streams.slice(streamsBefore).some(search => search.includes('stores='))).toBe(false)
    }
    finally {
      await context.close()
    }
  })

  it('settings → New store creates a store and opens it; By staff and till lists who sold what', { timeout: 90_000 }, async () => {
    const context = await newContext(browser, { viewport: SIZES.desktop })
    const page = await context.newPage()
    try {
      await owner.post('/auth/switch-store', { storeId: (await owner.get('/stores')).body.stores.find((s: any) => s.name === 'Harbour Café').id })
      await signIn(page, server.url, { email, password: PASSWORD })
      // Back to the home store on this fresh device, whatever another device chose.
      if (!(await headerStore(page)).includes('Harbour Café')) {
        await page.getByTestId('store-switcher').click()
        await page.getByTestId('store-option-Harbour Café').click()
        await page.waitForFunction(() => document.querySelector('[data-testid="store-switcher"]')?.textContent?.includes('Harbour Café'))
      }
      const card = page.getByTestId('by-actor')
      await card.getByTestId('by-actor-row').first().waitFor()
      expect(await card.getByTestId('by-actor-row').first().textContent()).toContain(email)

      await page.goto(`${server.url}/settings`)
      // With several stores, notifications say which store they are for.
      await page.getByRole('heading', { name: /Notifications\s+for Harbour Café/ }).waitFor()
      await page.getByTestId('new-store-name').fill('Airport Kiosk')
      await page.getByTestId('new-store-currency').fill('GBP')
      await page.getByTestId('new-store-create').click()
      await page.getByTestId('new-store-created').waitFor()
      await page.getByTestId('new-store-open').click()
      await page.waitForFunction(() => document.querySelector('[data-testid="store-switcher"]')?.textContent?.includes('Airport Kiosk'))
      const me = await page.evaluate(() => fetch('/api/v1/auth/me').then(response => response.json()))
      expect(me).toMatchObject({ store: { name: 'Airport Kiosk', currency: 'GBP' }, role: 'owner', storeCount: 3 })
    }
    finally {
      await context.close()
    }
  })
})
