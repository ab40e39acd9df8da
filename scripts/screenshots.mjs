#!/usr/bin/env node
// Screenshots of what a merchant sees, to look at (not a test: nothing is compared): Analytics (Today and
// 30d), Orders with an order opened, counter mode and Settings at 360, 820, 1180 and 1440 px, light and
// dark, while the simulator creates orders. Starts the production build with the demo store, unless
// --url names a running Pulse (with the demo store). --locale puts the browser in a language (e.g. `ar`: the
// files are then named merchant-<page>-<width>-<scheme>-ar.png); --sizes and --schemes narrow the set. Pages
// are reached by URL and found by test ids and input types, so that any language works.
//   npm run build && npm run screenshots -- [--url http://127.0.0.1:41510] [--out tests/e2e/screenshots]
//   [--locale ar] [--sizes 360,1440] [--schemes light]
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { DEMO_READY } from '../bench/lib/pulse-api.mjs'
import { startPulse } from '../bench/lib/server.mjs'

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    out: { type: 'string', default: 'tests/e2e/screenshots' },
    only: { type: 'string', default: '' },
    locale: { type: 'string' },
    sizes: { type: 'string' },
    schemes: { type: 'string', default: 'light,dark' },
  },
})

const SIZES = [
  { width: 360, height: 740 },
  { width: 820, height: 1180 },
  { width: 1180, height: 820 },
  { width: 1440, height: 900 },
].filter(size => !args.sizes || args.sizes.split(',').map(Number).includes(size.width))
const suffix = args.locale ? `-${args.locale}` : ''
const DEMO = { email: 'demo@pulse.local', password: 'pulse-demo' }
const out = resolve(args.out)
mkdirSync(out, { recursive: true })

const server = args.url ? undefined : await startPulse({ env: { PULSE_DEMO: '1' }, waitForLog: DEMO_READY })
const base = (args.url ?? server.url).replace(/\/$/, '')
const simulator = spawn(process.execPath, ['scripts/simulate.mjs', '--url', base, '--rate', '30'], { stdio: 'ignore' })
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] })

const shots = []
try {
  for (const colorScheme of args.schemes.split(',')) {
    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: size, colorScheme, serviceWorkers: 'block', ...(args.locale ? { locale: args.locale } : {}) })
      const page = await context.newPage()
      const shot = async (what) => {
        if (args.only && !what.includes(args.only))
          return
        await page.waitForTimeout(400)
        const path = join(out, `merchant-${what}-${size.width}-${colorScheme}${suffix}.png`)
        await page.screenshot({ path })
        shots.push(path)
      }
      await page.goto(`${base}/sign-in`)
      await page.locator('input[type="email"]').fill(DEMO.email)
      await shot('sign-in')
      await page.locator('input[type="password"]').fill(DEMO.password)
      await page.locator('button[type="submit"]').click()
      await page.locator('[data-testid="live-badge"].live').waitFor()
      await page.locator('.uplot').waitFor()
      await shot('analytics-today')
      await page.locator('input[type="radio"][value="30d"]').check()
      await page.locator('.uplot').waitFor()
      await page.waitForTimeout(1500)
      await shot('analytics-30d')
      await page.goto(`${base}/orders`)
      await page.getByTestId('orders-list').waitFor()
      await page.locator('[data-testid="orders-list"] button.summary').first().click()
      await page.getByTestId('order-detail').waitFor()
      await shot('orders')
      await page.goto(`${base}/settings`)
      await page.locator('form').first().waitFor()
      await shot('settings')
      await page.goto(`${base}/settings/team`)
      await page.getByRole('heading', { level: 1 }).waitFor()
      await shot('team')
      await page.goto(`${base}/counter`)
      await page.getByTestId('counter-orders').waitFor()
      await shot('counter')
      await context.close()
    }
  }
}
finally {
  simulator.kill()
  await browser.close()
  await server?.dispose()
}
console.log(`${shots.length} screenshots in ${out}`)
