import type { Browser, Page } from 'playwright-core'
import type { TestServer } from '../helpers/server'
import type { ClockedApi } from '../server/support/clocked-api'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectPageErrors, expectLaidOut } from '../helpers/page-checks'
import { startServer } from '../helpers/server'
import { signedInPage } from '../helpers/signed-in-page'
import { waitUntil } from '../helpers/wait'
import { registerClockedStore, TEST_CLOCK_ENV } from '../server/support/clocked-api'
import { screenshot } from './browser'
import { hasChromium, launchChromium, newContext, SIZES } from './merchant-helpers'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const iso = (ms: number) => new Date(ms).toISOString()
const dateOf = (ms: number) => iso(ms).slice(0, 10)

/** The number of series of the drawn revenue chart (x, revenue, and the comparison when there is one). */
async function chartSeries(page: Page): Promise<number> {
  return Number(await page.getByTestId('revenue-chart').getAttribute('data-series'))
}

describe.skipIf(!hasChromium)('insights in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  let api: ClockedApi
  // Orders at fixed offsets from now in a UTC store: today's and yesterday's (before the same time), one 10 days ago.
  const now = Date.now()
  const startOfToday = now - (now % DAY)
  const today = Math.max(startOfToday, now - 2 * 60_000)
  const tenDaysAgo = startOfToday - 10 * DAY + 12 * HOUR

  beforeAll(async () => {
    server = await startServer({ env: TEST_CLOCK_ENV })
    api = await registerClockedStore(server.url, { storeName: 'Insight Bakery' })
    await api.order(iso(today), 1500, { method: 'card' })
    await api.order(iso(today), 500, { method: 'cash' })
    await api.order(iso(today - DAY), 1000, { method: 'card' })
    await api.order(iso(tenDaysAgo), 7000, { method: 'other', customerName: 'Ten, Days "Ago"' })
    expect((await api.at(iso(Date.now())).patch('/store', { dailyGoalCents: 10_000 })).status).toBe(200)

    browser = await launchChromium()
    page = await signedInPage(await newContext(browser), server.url, api.api.token!)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('shows each KPI\'s change vs the same time yesterday, in words for screen readers too', async () => {
    await page.goto(server.url)
    await page.getByTestId('kpi-orders').filter({ hasText: /^2$/ }).waitFor()
    const revenue = page.getByTestId('kpi-revenue-delta')
    await expect.poll(() => revenue.textContent()).toMatch(/▲ 100 %\s*vs same time yesterday/)
    expect(await revenue.getAttribute('class')).toContain('up')
    expect(await revenue.locator('.visually-hidden').textContent()).toBe('up 100 percent vs same time yesterday')
    expect(await page.getByTestId('kpi-orders-delta').textContent()).toMatch(/▲ 100 %/)
    // Average order: $10.00 both days.
    expect(await page.getByTestId('kpi-aov-delta').textContent()).toMatch(/= 0 %/)
    expect(await page.getByTestId('method-split').textContent()).toMatch(/Card\s*\$15\.00 · 75\s?%/)
  })

  it('draws the comparison as a second series, and drops it when the comparison is turned off', async () => {
    await waitUntil(async () => await chartSeries(page) === 3, 'the chart with its comparison series', 20_000)
    await page.getByTestId('compare-select').selectOption('none')
    await waitUntil(async () => await chartSeries(page) === 2, 'the chart without the comparison', 20_000)
    expect(await page.getByTestId('kpi-revenue-delta').count()).toBe(0)
    // Remembered on this device, for this range.
    await page.reload()
    await page.getByTestId('kpi-orders').filter({ hasText: /^2$/ }).waitFor()
    expect(await page.getByTestId('compare-select').inputValue()).toBe('none')
    await page.getByTestId('compare-select').selectOption('previous')
    await page.getByTestId('kpi-revenue-delta').waitFor()
  })

  it('shows the goal ring on today', async () => {
    const text = await page.getByTestId('goal-ring').textContent()
    expect(text).toMatch(/\$20\.00 of \$100\.00/)
    expect(text).toMatch(/\$80\.00 to go, (on pace|behind by \$\d+\.\d\d)/)
  })

  it('a custom range from the picker changes the figures and the address', async () => {
    await page.getByRole('radio', { name: 'Custom dates' }).check()
    await page.getByTestId('range-from').fill(dateOf(tenDaysAgo))
    await page.getByTestId('range-to').fill(dateOf(tenDaysAgo))
    await page.getByRole('button', { name: 'Apply' }).click()
    await page.getByTestId('kpi-revenue').filter({ hasText: '$70.00' }).waitFor()
    expect(await page.getByTestId('kpi-orders').textContent()).toBe('1')
    expect(page.url()).toContain(`range=custom&from=${dateOf(tenDaysAgo)}&to=${dateOf(tenDaysAgo)}`)
    expect(await page.getByTestId('kpi-revenue-delta').textContent()).toMatch(/▲ new/)
    await page.getByTestId('heatmap').waitFor()
    expect(await page.getByTestId('goal-ring').count()).toBe(0)
  })

  it('downloads the orders CSV of the range', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-orders').click()])
    expect(download.suggestedFilename()).toBe(`orders-${dateOf(tenDaysAgo)}-to-${dateOf(tenDaysAgo)}.csv`)
    const lines = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toBe('number,created_at,status,currency,total,paid,refunded,payment_methods,customer,items')
    expect(lines[1]).toContain('"Ten, Days ""Ago"""')
    const [daily] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-daily').click()])
    expect(readFileSync((await daily.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^date,orders,gross_sales,collected,refunds,revenue,average_order/)
  })

  it('shows the heatmap on 30 days', async () => {
    await page.getByRole('radio', { name: 'Last 30 days' }).check()
    await page.getByTestId('kpi-orders').filter({ hasText: /^4$/ }).waitFor()
    await page.getByTestId('heatmap').waitFor()
    expect(await page.getByTestId('heatmap').locator('tbody td').count()).toBe(168)
  })

  it('looks right at 360 px and 1440 px, light and dark: no error, figures, changes, chart and heatmap in view, none over another (screenshots)', async () => {
    const errors = collectPageErrors(page)
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      for (const size of [SIZES.phone, SIZES.desktop]) {
        await page.setViewportSize(size)
        for (const range of ['today', '30d']) {
          await page.goto(`${server.url}/${range === 'today' ? '' : `?range=${range}`}`)
          await page.getByTestId('kpi-revenue-delta').waitFor()
          await waitUntil(async () => await chartSeries(page) === 3, 'the chart', 20_000)
          if (range === '30d')
            await page.getByTestId('heatmap').waitFor()
          await screenshot(page, `insights-${range}-${size.width}-${colorScheme}`)
          await expectLaidOut(page, {
            'live badge': page.getByTestId('live-badge'),
            'collected': page.getByTestId('kpi-revenue'),
            'its change': page.getByTestId('kpi-revenue-delta'),
            'orders': page.getByTestId('kpi-orders'),
            'comparison': page.getByTestId('compare-select'),
            'chart': page.getByTestId('revenue-chart'),
            ...(range === 'today' ? { goal: page.getByTestId('goal-ring') } : { heatmap: page.getByTestId('heatmap') }),
          }, `${range} at ${size.width} px, ${colorScheme}`)
        }
      }
    }
    expect(errors).toEqual([])
    await page.emulateMedia({ colorScheme: 'light' })
    await page.setViewportSize({ width: 1280, height: 800 })
  }, 90_000)
})
