import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Api } from '../helpers/api'
import type { TestServer } from '../helpers/server'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { waitUntil } from '../helpers/wait'
import { hasChromium, launchChromium, newContext, SIZES } from './merchant-helpers'

const LOCALES = resolve(import.meta.dirname, '../../app/locales')
const ZONE = 'America/New_York'
// Collected today: $1,234.50, which a German phone writes `1.234,50 $`.
const TOTAL_CENTS = 123_450

/** Every message of a language, by key (`orders.list.title`), plural forms apart. */
function messagesOf(language: string): Map<string, string[]> {
  const messages = new Map<string, string[]>()
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string')
      messages.set(key, value.split('|').map(form => form.trim()))
    else if (value && typeof value === 'object')
      Object.entries(value).forEach(([child, v]) => walk(v, `${key}.${child}`))
  }
  for (const file of readdirSync(join(LOCALES, language)).filter(name => name.endsWith('.json')))
    walk(JSON.parse(readFileSync(join(LOCALES, language, file), 'utf8')), file.slice(0, -'.json'.length))
  return messages
}

/**
 * The English a page must not show in `language`: each English message (or, for one with parameters, each
 * stretch of its words of 12 characters or more) that the language writes differently. Words both
 * languages share (`Pulse`, `CSV`, `Stripe`) are not English left behind.
 */
function englishLeftIn(language: string): { whole: string[], parts: string[] } {
  const english = messagesOf('en')
  const target = messagesOf(language)
  const theirs = new Set([...target.values()].flat())
  const theirText = [...theirs].join('\n')
  const whole = new Set<string>()
  const parts = new Set<string>()
  for (const [key, forms] of english) {
    if (key.startsWith('language.manifest'))
      continue
    for (const form of forms) {
      if (!/\p{L}{2}/u.test(form) || theirs.has(form))
        continue
      if (!/[{@]/.test(form)) {
        whole.add(form)
        continue
      }
      for (const stretch of form.split(/\{[^}]*\}|@:[\w.]+/)) {
        const words = stretch.trim()
        if (words.length >= 12 && /\p{L}{3}/u.test(words) && !theirText.includes(words))
          parts.add(words)
      }
    }
  }
  return { whole: [...whole], parts: [...parts] }
}

/** The English found on the page: visible text, and the labels, titles and placeholders assistive tech reads. */
async function englishOnPage(page: Page, english: { whole: string[], parts: string[] }): Promise<string[]> {
  return page.evaluate(({ whole, parts }) => {
    const texts: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || parent.closest('script, style, noscript') || !parent.checkVisibility())
        continue
      const text = node.textContent?.replace(/\s+/g, ' ').trim()
      if (text)
        texts.push(text)
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-roledescription]')) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-roledescription']) {
        const value = el.getAttribute(name)?.trim()
        if (value)
          texts.push(value)
      }
    }
    texts.push(document.title)
    const exact = new Set(whole)
    const found = texts.filter(text => exact.has(text) || parts.some(part => text.includes(part)))
    return [...new Set(found)]
  }, english)
}

async function htmlLangDir(page: Page): Promise<{ lang: string | null, dir: string | null }> {
  return page.evaluate(() => ({ lang: document.documentElement.getAttribute('lang'), dir: document.documentElement.getAttribute('dir') }))
}

/** Money as Chromium writes it in `locale`, for the store's currency (without direction marks, like `shown`). */
async function money(page: Page, locale: string, cents: number): Promise<string> {
  return shown(await page.evaluate(({ locale, cents }) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(cents / 100), { locale, cents }))
}

/** Text as read, without the invisible direction marks right-to-left text carries. */
function shown(text: string | null): string {
  return (text ?? '').replace(/[\u200E\u200F\u2066-\u2069]/g, '').trim()
}

const CASES = [
  { locale: 'es-ES', language: 'es', dir: 'ltr' },
  { locale: 'de-DE', language: 'de', dir: 'ltr' },
  { locale: 'ar', language: 'ar', dir: 'rtl' },
] as const

describe.skipIf(!hasChromium)('the interface in the browser\'s language', () => {
  let server: TestServer
  let browser: Browser
  let api: Api
  let createdAt: string

  beforeAll(async () => {
    server = await startServer()
    ;({ api } = await registerStore(server.url, { storeName: 'Café Norte', timeZone: ZONE, currency: 'USD' }))
    const order = await api.post('/orders', { items: [{ name: 'Café', quantity: 1, unitPriceCents: TOTAL_CENTS }], customerName: 'Ana' })
    expect(order.status).toBe(201)
    createdAt = order.body.createdAt
    expect((await api.post(`/orders/${order.body.id}/payments`, { amountCents: TOTAL_CENTS, method: 'card' })).status).toBe(201)
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  async function signedIn(context: BrowserContext): Promise<Page> {
    await context.addCookies([{ name: 'pulse_session', value: api.token!, url: server.url }])
    return context.newPage()
  }

  for (const { locale, language, dir } of CASES) {
    it(`${locale}: sign-in, analytics, orders, counter and settings in ${language}, money and dates as ${locale} writes them`, async () => {
      const english = englishLeftIn(language)
      // The check can fail: English messages the language writes differently are what it looks for.
      expect(english.whole.length).toBeGreaterThan(50)
      const context = await newContext(browser, { locale, viewport: SIZES.desktop, timezoneId: 'UTC' })
      try {
        const checkPage = async (page: Page, name: string) => {
          expect(await htmlLangDir(page), name).toEqual({ lang: expect.stringMatching(new RegExp(`^${language}\\b`)), dir })
          expect(await englishOnPage(page, english), `English left on ${name} in ${locale}`).toEqual([])
        }

        // Signed out in a context of its own: this device then remembers no session to try.
        const signedOut = await newContext(browser, { locale, viewport: SIZES.desktop })
        try {
          const signInPage = await signedOut.newPage()
          await signInPage.goto(`${server.url}/sign-in`)
          await signInPage.locator('button[type="submit"]').waitFor()
          await checkPage(signInPage, 'sign-in')
        }
        finally {
          await signedOut.close()
        }

        const page = await signedIn(context)
        await page.goto(`${server.url}/`)
        const collected = await money(page, locale, TOTAL_CENTS)
        if (locale === 'de-DE')
          expect(collected).toBe('1.234,50\u00A0$')
        await waitUntil(async () => shown(await page.getByTestId('kpi-revenue').textContent()) === collected, `collected as ${collected}`)
        // The chart and its summary too (uPlot comes seconds after the first paint when the chart is below the fold).
        await page.waitForFunction(() => !!document.querySelector('[data-testid="revenue-chart"]')?.getAttribute('data-axes'))
        await page.locator('[data-testid="live-badge"].live').waitFor()
        await checkPage(page, 'analytics')

        await page.goto(`${server.url}/orders`)
        const row = page.locator('[data-testid="orders-list"] li.order').first()
        await row.waitFor()
        const when = await page.evaluate(({ locale, createdAt, zone }) => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: zone }).format(new Date(createdAt)), { locale, createdAt, zone: ZONE })
        await expect.poll(() => row.locator('.meta').textContent()).toContain(when)
        expect(shown(await row.locator('.total').textContent())).toBe(collected)
        await row.locator('button.summary').click()
        await page.getByTestId('order-detail').waitFor()
        await checkPage(page, 'orders with an order opened')

        await page.goto(`${server.url}/counter`)
        await page.getByTestId('counter-orders').waitFor()
        const today = await page.evaluate(({ locale, zone }) => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: zone }).format(new Date()), { locale, zone: ZONE })
        await expect.poll(() => page.locator('.day').textContent()).toContain(today)
        await expect.poll(async () => shown(await page.getByTestId('counter-revenue').textContent())).toContain(collected)
        await checkPage(page, 'counter')

        await page.goto(`${server.url}/settings`)
        await page.getByTestId('language-choice').waitFor()
        await page.getByTestId('settings-name').waitFor()
        await checkPage(page, 'settings')
      }
      finally {
        await context.close()
      }
    }, 120_000)
  }

  it('a language chosen in Settings holds on this device over the browser\'s, until the device\'s language is chosen again', async () => {
    const context = await newContext(browser, { locale: 'de-DE', viewport: SIZES.phone })
    try {
      const page = await signedIn(context)
      await page.goto(`${server.url}/settings`)
      const choice = page.getByTestId('language-choice')
      await choice.waitFor()
      expect(await htmlLangDir(page)).toEqual({ lang: 'de-DE', dir: 'ltr' })
      await choice.selectOption('ar')
      await expect.poll(() => htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' })
      expect(await page.locator('#language-title').textContent()).toContain(messagesOf('ar').get('language.label')![0])
      // Figures follow at once, in the store's currency.
      await page.goto(`${server.url}/`)
      const arabic = await money(page, 'ar', TOTAL_CENTS)
      await waitUntil(async () => shown(await page.getByTestId('kpi-revenue').textContent()) === arabic, `collected as ${arabic}`)
      expect(await htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' })

      await page.goto(`${server.url}/settings`)
      await page.getByTestId('language-choice').selectOption('device')
      await expect.poll(() => htmlLangDir(page)).toEqual({ lang: 'de-DE', dir: 'ltr' })
      await page.reload()
      await page.getByTestId('language-choice').waitFor()
      expect(await htmlLangDir(page)).toEqual({ lang: 'de-DE', dir: 'ltr' })
    }
    finally {
      await context.close()
    }
  }, 60_000)
})
