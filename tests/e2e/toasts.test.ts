import type { Browser, Page } from 'playwright-core'
import type { Api } from '../helpers/api'
import type { TestServer } from '../helpers/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '../helpers/server'
import { waitUntil } from '../helpers/wait'
import { DEMO, demoApi, hasChromium, launchChromium, newContext, overlaps, signIn, SIZES } from './merchant-helpers'

interface Seen {
  toasts: Array<{ place: string, box: { x: number, y: number, width: number, height: number }, focusable: boolean, clipped: boolean }>
  controls: Array<{ what: string, box: { x: number, y: number, width: number, height: number } }>
  focused: { what: string, box: { x: number, y: number, width: number, height: number } } | null
}

/** The toasts on screen, and every control and the focused element, as the page lays them out now. */
function look(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const box = (el: Element) => {
      const { x, y, width, height } = el.getBoundingClientRect()
      return { x, y, width, height }
    }
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`
    const region = document.querySelector('[data-testid="toasts"]')!
    const controls = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, label, [tabindex]:not([tabindex="-1"]), [role="switch"], [role="button"], [role="tab"]')]
      .filter(el => !region.contains(el) && el.getBoundingClientRect().width > 0)
      .map(el => ({ what: name(el), box: box(el) }))
    const active = document.activeElement && document.activeElement !== document.body ? document.activeElement : null
    return {
      toasts: [...region.querySelectorAll<HTMLElement>('[data-testid="toast"]')].map(el => ({
        place: el.dataset.place!,
        box: box(el),
        focusable: el.matches('a, button, input, [tabindex]:not([tabindex="-1"])') || el.tabIndex >= 0,
        clipped: getComputedStyle(el).clipPath !== 'none',
      })),
      controls,
      focused: active ? { what: name(active), box: box(active) } : null,
    }
  })
}

/** What is wrong with the toasts on screen now (empty: one toast, not a tab stop, over no control and not over focus). */
async function problems(page: Page, where: string): Promise<string[]> {
  const seen = await look(page)
  if (seen.toasts.length !== 1)
    return [`${where}: ${seen.toasts.length} toasts`]
  const [toast] = seen.toasts
  const found: string[] = []
  if (toast.focusable)
    found.push(`${where}: the toast is a tab stop`)
  if (toast.place === 'measuring')
    return [...found, `${where}: still placing`]
  if (toast.place === 'announced') {
    // No free spot: announced by the live region, not drawn over anything.
    return toast.clipped ? found : [...found, `${where}: unplaced but drawn`]
  }
  if (toast.clipped)
    found.push(`${where}: placed but clipped`)
  for (const control of seen.controls) {
    if (overlaps(toast.box, control.box))
      found.push(`${where}: toast over ${control.what}`)
  }
  if (seen.focused && overlaps(toast.box, seen.focused.box))
    found.push(`${where}: toast over the focused ${seen.focused.what}`)
  return found
}

/** The page settles within a moment of a change (the toast is placed again on the next frame). */
async function expectClear(page: Page, where: string): Promise<void> {
  let last: string[] = []
  // On a timeout the problems still seen are the failure's message.
  await waitUntil(async () => (last = await problems(page, where)).length === 0, `${where} to settle`, 3000, 100).catch(() => {})
  expect(last).toEqual([])
}

describe.skipIf(!hasChromium)('toasts never cover what the merchant is doing', () => {
  let server: TestServer
  let browser: Browser
  let demo: Api

  beforeAll(async () => {
    server = await startServer({ env: { PULSE_DEMO: '1' } })
    demo = await demoApi(server.url)
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  const sale = async (cents: number) => {
    const created = await demo.post('/orders', { items: [{ name: 'Latte', quantity: 1, unitPriceCents: cents }] })
    await demo.post(`/orders/${created.body.id}/payments`, { amountCents: cents, method: 'card' })
    return created.body
  }

  for (const [name, size] of Object.entries(SIZES)) {
    it(`at ${size.width} px (${name}): one toast, off every control and the focused element, on Analytics and an opened order`, async () => {
      const context = await newContext(browser, { viewport: size })
      const page = await context.newPage()
      await signIn(page, server.url, DEMO)
      await page.getByRole('radio', { name: 'Last 30 days' }).focus()
      const first = await sale(450)
      await page.getByTestId('toast').filter({ hasText: `#${first.number}` }).waitFor()
      await expectClear(page, `analytics ${size.width}`)
      // The analytics page has room between its controls: the toast is seen, not only announced.
      expect((await look(page)).toasts[0].place).toBe('shown')
      // Several at once: merged into one toast with a count.
      await sale(300)
      await sale(200)
      await page.getByTestId('toast').filter({ hasText: /\d new orders · \$/ }).waitFor()
      await expectClear(page, `analytics burst ${size.width}`)

      await page.getByRole('link', { name: 'Orders', exact: true }).click()
      await page.getByTestId('orders-list').waitFor()
      await page.locator('[data-testid="orders-list"] button.summary').first().click()
      await page.getByTestId('order-detail').waitFor()
      await page.waitForFunction(() => !document.querySelector('[data-testid="toast"]'), undefined, { timeout: 15_000 })
      const next = await sale(650)
      await page.getByTestId('toast').filter({ hasText: `#${next.number}` }).waitFor()
      await expectClear(page, `orders ${size.width}`)
      // Scrolling moves the controls under it: it moves too (or is only announced).
      await page.mouse.wheel(0, 300)
      await page.waitForFunction(() => window.scrollY > 0)
      await expectClear(page, `orders scrolled ${size.width}`)
      await context.close()
    }, 90_000)
  }

  it('raises no toast while the order form is open (the list and the figures still move)', async () => {
    const context = await newContext(browser, { viewport: SIZES.phone })
    const page = await context.newPage()
    await signIn(page, server.url, DEMO, '/orders')
    await page.getByTestId('orders-list').waitFor()
    await page.getByRole('button', { name: 'Create order' }).click()
    await page.locator('form.create').waitFor()
    await page.waitForFunction(() => !document.querySelector('[data-testid="toast"]'), undefined, { timeout: 15_000 })
    const quiet = await sale(525)
    await page.locator(`[data-order-number="${quiet.number}"]`).waitFor()
    expect(await page.getByTestId('toast').count()).toBe(0)
    // The live region is still there for what this device does.
    expect(await page.getByTestId('toasts').getAttribute('aria-live')).toBe('polite')
    await context.close()
  }, 60_000)
})
