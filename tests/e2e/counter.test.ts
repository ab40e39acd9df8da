import type { Page } from 'playwright-core'
import type { TestServer } from '../helpers/server'
import type { TestBrowser } from './browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { collectPageErrors, expectLaidOut } from '../helpers/page-checks'
import { startServer } from '../helpers/server'
import { signedInPage } from '../helpers/signed-in-page'
import { waitUntil } from '../helpers/wait'
import { hasChromium, launchBrowser, screenshot } from './browser'

interface Probe { sentinels: WakeLockSentinel[], contexts: number, oscillators: number }
declare global {
  interface Window { __probe: Probe }
}

/** Counts wake lock sentinels, audio contexts and oscillator starts of the page. */
function instrument(): void {
  const probe: Probe = { sentinels: [], contexts: 0, oscillators: 0 }
  window.__probe = probe
  const request = navigator.wakeLock.request.bind(navigator.wakeLock)
  navigator.wakeLock.request = async (type?: 'screen') => {
    const sentinel = await request(type)
    probe.sentinels.push(sentinel)
    return sentinel
  }
  const Context = window.AudioContext
  window.AudioContext = class extends Context {
    constructor(options?: AudioContextOptions) {
      super(options)
      probe.contexts++
    }
  }
  const start = OscillatorNode.prototype.start
  OscillatorNode.prototype.start = function (when?: number) {
    probe.oscillators++
    return start.call(this, when)
  }
}

const probe = (page: Page) => page.evaluate(() => ({ held: window.__probe.sentinels.map(s => s.released), contexts: window.__probe.contexts, oscillators: window.__probe.oscillators }))

describe.skipIf(!hasChromium)('counter mode in Chromium', () => {
  let server: TestServer
  let browser: TestBrowser
  let page: Page
  let api: Awaited<ReturnType<typeof registerStore>>['api']

  beforeAll(async () => {
    server = await startServer()
    ;({ api } = await registerStore(server.url, { storeName: 'Till Two' }))
    browser = await launchBrowser()
    page = await signedInPage(browser.context, server.url, api.token!)
    await page.addInitScript(instrument)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('holds a wake lock after a tap, and again after the page was hidden and shown', async () => {
    await page.goto(`${server.url}/counter`)
    await page.getByTestId('counter-orders').filter({ hasText: '0' }).waitFor()
    // The analytics page's word for the same figure (payments less refunds).
    await page.getByText('Collected today', { exact: true }).waitFor()
    expect((await probe(page)).held).toEqual([])
    await page.getByTestId('counter-start').click()
    await waitUntil(async () => (await probe(page)).held.length === 1, 'the wake lock', 20_000)
    expect(await probe(page)).toMatchObject({ held: [false], contexts: 1 })

    // Headless Chromium is always "visible": do what a hide and a show do (the browser releases the lock).
    await page.evaluate(async () => {
      const set = (state: string) => Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
      set('hidden')
      await window.__probe.sentinels[0].release()
      document.dispatchEvent(new Event('visibilitychange'))
      set('visible')
      document.dispatchEvent(new Event('visibilitychange'))
    })
    await waitUntil(async () => (await probe(page)).held.length === 2, 'the wake lock again', 20_000)
    expect((await probe(page)).held).toEqual([true, false])
  })

  it('a new order chimes and joins the feed; a payment chimes differently and moves the revenue', async () => {
    const before = (await probe(page)).oscillators
    const order = (await api.post('/orders', { items: [{ name: 'Flat white', quantity: 3, unitPriceCents: 450 }], customerName: 'Grace' })).body
    await page.getByTestId('counter-feed').getByText(`#${order.number}`).waitFor()
    await page.getByTestId('counter-orders').filter({ hasText: /^1$/ }).waitFor()
    await waitUntil(async () => (await probe(page)).oscillators === before + 2, 'the two-note order chime', 20_000)

    await api.post(`/orders/${order.id}/payments`, { amountCents: 1350, method: 'card' })
    await page.getByTestId('counter-revenue').filter({ hasText: '13.50' }).waitFor()
    await waitUntil(async () => (await probe(page)).oscillators === before + 5, 'the three-note payment chime', 20_000)

    // Muted: no sound (remembered per device).
    await page.getByTestId('mute').click()
    await api.post('/orders', { items: [{ name: 'Tea', quantity: 1, unitPriceCents: 300 }] })
    await page.getByTestId('counter-orders').filter({ hasText: /^2$/ }).waitFor()
    expect((await probe(page)).oscillators).toBe(before + 5)
    expect(await page.evaluate(() => localStorage.getItem('pulse:counter:sound'))).toContain('"muted":true')
    await page.getByTestId('mute').click()
  })

  it('the privacy switch hides money', async () => {
    await page.getByTestId('privacy').check()
    expect(await page.getByTestId('counter-revenue').textContent()).toBe('•••••')
    expect(await page.getByTestId('counter-feed').textContent()).not.toMatch(/\$/)
    await page.getByTestId('privacy').uncheck()
    expect(await page.getByTestId('counter-revenue').textContent()).toMatch(/\$13\.50/)
  })

  it('looks right at 360 px and 1440 px, light and dark: no error, the figures, feed and controls in view, none over another (screenshots)', async () => {
    const errors = collectPageErrors(page)
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      for (const width of [360, 1440]) {
        const where = `${width} px, ${colorScheme}`
        await page.setViewportSize({ width, height: width === 360 ? 740 : 900 })
        await page.goto(`${server.url}/counter`)
        await page.getByTestId('counter-orders').filter({ hasText: /^2$/ }).waitFor()
        await screenshot(page, `counter-${width}-${colorScheme}`, false)
        await expectLaidOut(page, {
          'live badge': page.getByTestId('counter').getByTestId('live-badge'),
          'clock': page.getByTestId('clock'),
          'money collected': page.getByTestId('counter-revenue'),
          'orders today': page.getByTestId('counter-orders'),
          'latest orders': page.getByTestId('counter-feed'),
          'hide money': page.getByTestId('privacy'),
          'tap to start': page.getByTestId('counter-start'),
        }, `counter at ${where}`)
        await page.goto(`${server.url}/settings`)
        await page.getByRole('heading', { name: 'Notifications' }).waitFor()
        await screenshot(page, `settings-${width}-${colorScheme}`)
        await expectLaidOut(page, {
          'store name': page.getByTestId('settings-name'),
          'time zone': page.getByTestId('settings-zone'),
          'currency': page.getByTestId('settings-currency'),
          'notifications': page.getByRole('heading', { name: 'Notifications' }),
          'open counter mode': page.getByTestId('open-counter'),
        }, `settings at ${where}`)
      }
    }
    expect(errors).toEqual([])
    await page.emulateMedia({ colorScheme: 'light' })
    await page.setViewportSize({ width: 1280, height: 800 })
  }, 60_000)
})
