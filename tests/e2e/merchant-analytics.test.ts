import type { Browser, ConsoleMessage, Page } from 'playwright-core'
import type { Api } from '../helpers/api'
import type { TestServer } from '../helpers/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { DEMO, demoApi, hasChromium, launchChromium, newContext, signIn, SIZES } from './merchant-helpers'

interface Axes {
  width: number
  xTicks: Array<{ t: number, label: string, left: number }>
  firstBar: [number, number] | null
  lastBar: [number, number] | null
  ySplits: number[]
}

async function readAxes(page: Page): Promise<Axes> {
  const chart = page.getByTestId('revenue-chart')
  await page.waitForFunction(() => !!document.querySelector('[data-testid="revenue-chart"]')?.getAttribute('data-axes'))
  return JSON.parse((await chart.getAttribute('data-axes'))!)
}

const STORE_ZONE = 'Asia/Tokyo'
const BROWSER_ZONE = 'America/Los_Angeles'
const PASSWORD = 'correct horse'

describe.skipIf(!hasChromium)('merchant: analytics, toasts, cold start', () => {
  let server: TestServer
  let browser: Browser
  let tokyo: { api: Api, email: string }
  let empty: { api: Api, email: string }

  beforeAll(async () => {
    server = await startServer({ env: { PULSE_DEMO: '1' } })
    // The demo store is seeded in the background: sign-ins below need it.
    await demoApi(server.url)
    const a = await registerStore(server.url, { timeZone: STORE_ZONE, password: PASSWORD })
    tokyo = { api: a.api, email: a.auth.user.email }
    for (const cents of [1250, 480, 3075]) {
      const order = await tokyo.api.post('/orders', { items: [{ name: 'Matcha', quantity: 1, unitPriceCents: cents }] })
      await tokyo.api.patch(`/orders/${order.body.id}`, { status: 'paid' })
    }
    const b = await registerStore(server.url, { timeZone: STORE_ZONE, password: PASSWORD })
    empty = { api: b.api, email: b.auth.user.email }
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('cold start of a signed-out device: no console error, no /auth/me; focus lands on the page after sign-in', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors: string[] = []
    const me: string[] = []
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error')
        errors.push(message.text())
    })
    page.on('pageerror', error => errors.push(error.message))
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/auth/me'))
        me.push(request.url())
    })
    const coldStarts = async () => {
      for (const path of ['/', '/orders', '/sign-in']) {
        await page.goto(`${server.url}${path}`)
        await page.getByRole('button', { name: 'Sign in' }).waitFor()
      }
    }

    // Signed in, then out, on this device: every later visit starts quietly.
    await signIn(page, server.url, DEMO)
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Analytics')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(/\/sign-in/)
    errors.length = 0
    me.length = 0
    await coldStarts()
    expect(errors).toEqual([])
    expect(me).toEqual([])

    // A session that ended elsewhere (cookie gone): the one check that finds out, then quiet again.
    await signIn(page, server.url, DEMO)
    await context.clearCookies()
    await page.goto(`${server.url}/`)
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    errors.length = 0
    me.length = 0
    await coldStarts()
    expect(errors).toEqual([])
    expect(me).toEqual([])

    // Focus after sign-in: the page's heading, not the body.
    await page.getByLabel('Email').fill(DEMO.email)
    await page.getByLabel('Password').fill(DEMO.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${server.url}/`)
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Analytics')
    expect(errors).toEqual([])
    await context.close()
  })

  // Toasts against the header, every control and the focused element, at four sizes: toasts.test.ts.

  it('the badge says Live, Paused (figures frozen), Connecting… then Offline when the stream keeps failing, Offline without network', async () => {
    const context = await newContext(browser, { viewport: SIZES.phone })
    const page = await context.newPage()
    await signIn(page, server.url, DEMO)
    const badge = page.getByTestId('live-badge')
    const toggle = page.getByRole('switch', { name: 'Real-time' })
    await toggle.uncheck()
    await badge.filter({ hasText: /^\s*Paused\s*$/ }).waitFor()
    await page.getByTestId('paused-note').waitFor()
    await toggle.check()
    await badge.filter({ hasText: /^\s*Live\s*$/ }).waitFor()
    expect(await page.getByTestId('paused-note').count()).toBe(0)

    // The stream cannot be reached: Connecting… at first, Offline after a few seconds.
    await page.route('**/api/v1/events/stream*', route => route.abort())
    await toggle.uncheck()
    await toggle.check()
    await badge.filter({ hasText: 'Connecting…' }).waitFor()
    await badge.filter({ hasText: /^\s*Offline\s*$/ }).waitFor({ timeout: 10_000 })
    await page.unroute('**/api/v1/events/stream*')

    // No network at all: Offline at once, and the banner's time names the store's zone.
    await context.setOffline(true)
    await badge.filter({ hasText: /^\s*Offline\s*$/ }).waitFor()
    await page.getByTestId('offline-banner').filter({ hasText: /Offline — showing data from \d{1,2}:\d{2}\s?[AP]M E[SD]T/ }).waitFor()
    await context.setOffline(false)
    await badge.filter({ hasText: /^\s*Live\s*$/ }).waitFor({ timeout: 20_000 })
    await context.close()
  }, 60_000)

  it('the KPI values never wrap at 360 px: a short form with the full value in the title', async () => {
    const context = await newContext(browser, { viewport: SIZES.phone })
    const page = await context.newPage()
    await signIn(page, server.url, DEMO)
    await page.getByRole('radio', { name: 'Last 90 days' }).check()
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="kpi-revenue"]')?.textContent ?? ''))
    const values = await page.locator('.kpi .value').evaluateAll(nodes => nodes.map((node) => {
      const el = node as HTMLElement
      const lineHeight = Number.parseFloat(getComputedStyle(el).lineHeight)
      return { text: el.textContent?.trim(), title: el.querySelector('button')?.title, full: el.dataset.value, height: el.getBoundingClientRect().height, lineHeight, overflow: el.scrollWidth > el.clientWidth + 1 }
    }))
    for (const value of values) {
      expect(value.height, `${value.text} on one line`).toBeLessThan(value.lineHeight * 1.5)
      expect(value.overflow, `${value.text} fits`).toBe(false)
    }
    // 90 days of the demo store is more than $10,000: abbreviated, with the exact amount available.
    const revenue = values[0]
    expect(revenue.text).toMatch(/\$[\d.]+K/)
    expect(revenue.title).toBe(revenue.full)
    expect(revenue.full).toMatch(/^\$\d{2,3},\d{3}\.\d{2}$/)
    // A screen reader reads the exact amount: the compact figure is a button named with it (tap: merchant-finish.test.ts).
    await page.getByRole('region', { name: 'Collected', exact: true }).getByRole('button', { name: revenue.full!, exact: true }).waitFor()
    await context.close()
  })

  it('labels say what each figure counts, and an empty Today says why', async () => {
    const context = await newContext(browser, { viewport: SIZES.phone, timezoneId: BROWSER_ZONE })
    const page = await context.newPage()
    await signIn(page, server.url, { email: empty.email, password: PASSWORD })
    await page.getByRole('region', { name: 'Collected', exact: true }).getByText('payments received').waitFor()
    await page.getByRole('region', { name: 'Avg. sale' }).getByText('per order, paid or not').waitFor()
    await page.getByRole('region', { name: 'Orders' }).getByText(/\$0\.00 sales/).waitFor()
    expect(await page.getByTestId('empty-today').textContent()).toContain(`No orders yet today`)
    // When the business day began, in the store's clock (Tokyo: GMT+9), not the browser's (Los Angeles).
    expect(await page.getByTestId('empty-today').textContent()).toMatch(/began at 12:00\sAM GMT\+9 store time/)
    // An empty chart's axis counts in whole units: $0, $1, $2 …, never $0.3 / $0.5.
    const axes = await readAxes(page)
    expect(axes.ySplits).toEqual([0, 1, 2, 3, 4])
    await context.close()
  }, 60_000)

  it('chart: ticks in the store\'s zone on bucket centres with the browser in another zone, full edge bars, round steps, a readout', async () => {
    const context = await newContext(browser, { viewport: SIZES.desktop, timezoneId: BROWSER_ZONE })
    const page = await context.newPage()
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(BROWSER_ZONE)
    await signIn(page, server.url, { email: tokyo.email, password: PASSWORD })
    const inStore = (t: number, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-US', { ...options, timeZone: STORE_ZONE }).format(t * 1000)

    for (const range of ['today', '7d'] as const) {
      if (range === '7d')
        await page.getByRole('radio', { name: 'Last 7 days' }).check()
      const series = (await tokyo.api.get(`/analytics/timeseries?range=${range}`)).body
      const starts = series.points.map((p: { t: string }) => Date.parse(p.t) / 1000)
      await page.waitForFunction(n => JSON.parse(document.querySelector('[data-testid="revenue-chart"]')?.getAttribute('data-axes') ?? '{"xTicks":[]}').xTicks.length > 0 && document.querySelectorAll('.uplot').length === 1 && n > 0, starts.length)
      const axes = await readAxes(page)
      expect(axes.xTicks.length).toBeGreaterThan(2)
      const hours = axes.xTicks.map(tick => Number(inStore(tick.t, { hour: 'numeric', hourCycle: 'h23' })))
      for (const tick of axes.xTicks) {
        // On a bucket: bars are centred on their bucket's start, so the tick is on the bar's centre.
        expect(starts).toContain(tick.t)
        if (range === 'today') {
          expect(tick.label).toBe(inStore(tick.t, { hour: 'numeric' }))
          // Round hours of the store's clock: 12 AM, then every 1, 2, 3, 4, 6 or 12 hours.
          expect(Number(inStore(tick.t, { hour: 'numeric', hourCycle: 'h23' })) % (hours[1] - hours[0])).toBe(0)
        }
        else {
          expect(tick.label).toBe(inStore(tick.t, { month: 'short', day: 'numeric' }))
        }
      }
      if (range === 'today')
        expect(axes.xTicks[0].label).toBe('12 AM')
      // Whole first and last bars.
      expect(axes.firstBar![0]).toBeGreaterThanOrEqual(0)
      expect(axes.lastBar![1]).toBeLessThanOrEqual(axes.width)
      // Round steps: 1, 2 or 5 × 10ⁿ whole units.
      const step = axes.ySplits[1] - axes.ySplits[0]
      expect(Number.isInteger(step)).toBe(true)
      expect(String(step)).toMatch(/^[125]0*$/)
    }

    // The readout: keyboard (End = the newest day, ← the one before) and pointer.
    const chart = page.getByTestId('revenue-chart')
    await chart.focus()
    await page.keyboard.press('End')
    const series = (await tokyo.api.get('/analytics/timeseries?range=7d')).body
    const last = series.points.at(-1)
    const readout = page.getByTestId('chart-readout')
    await readout.filter({ hasText: inStore(Date.parse(last.t) / 1000, { month: 'short', day: 'numeric' }) }).waitFor()
    expect(await readout.textContent()).toContain(`$${(last.revenueCents / 100).toFixed(2)} collected`)
    expect(await readout.textContent()).toContain('3 orders')
    await page.keyboard.press('ArrowLeft')
    const previous = series.points.at(-2)
    await readout.filter({ hasText: inStore(Date.parse(previous.t) / 1000, { month: 'short', day: 'numeric' }) }).waitFor()
    const axes = await readAxes(page)
    const box = (await page.locator('.uplot .u-over').boundingBox())!
    const tick = axes.xTicks[0]
    await page.mouse.move(box.x + tick.left, box.y + box.height / 2)
    await readout.filter({ hasText: tick.label }).waitFor()
    await context.close()
  }, 60_000)
})
