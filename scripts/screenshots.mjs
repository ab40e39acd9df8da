#!/usr/bin/env node
// Screenshots of what a merchant sees, to look at (not a test: nothing is compared): Analytics (Today and
// 30d), Orders with an order opened, counter mode and Settings at 360, 820, 1180 and 1440 px, light and
// dark, while the simulator creates orders. Starts the production build with the demo store, unless
// --url names a running Pulse (with the demo store).
//   npm run build && npm run screenshots -- [--url http://127.0.0.1:41510] [--out tests/e2e/screenshots]
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
  },
})

const SIZES = [
  { width: 360, height: 740 },
  { width: 820, height: 1180 },
  { width: 1180, height: 820 },
  { width: 1440, height: 900 },
]
const DEMO = { email: 'demo@pulse.local', password: 'pulse-demo' }
const out = resolve(args.out)
mkdirSync(out, { recursive: true })

const server = args.url ? undefined : await startPulse({ env: { PULSE_DEMO: '1' }, waitForLog: DEMO_READY })
const base = (args.url ?? server.url).replace(/\/$/, '')
const simulator = spawn(process.execPath, ['scripts/simulate.mjs', '--url', base, '--rate', '30'], { stdio: 'ignore' })
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] })

const shots = []
try {
  for (const colorScheme of ['light', 'dark']) {
    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: size, colorScheme, serviceWorkers: 'block' })
      const page = await context.newPage()
      const shot = async (what) => {
        if (args.only && !what.includes(args.only))
          return
        await page.waitForTimeout(400)
        const path = join(out, `merchant-${what}-${size.width}-${colorScheme}.png`)
        await page.screenshot({ path })
        shots.push(path)
      }
      await page.goto(`${base}/sign-in`)
      await page.getByLabel('Email').fill(DEMO.email)
      await page.getByLabel('Password').fill(DEMO.password)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor()
      await page.locator('.uplot').waitFor()
      await shot('analytics-today')
      await page.getByRole('radio', { name: 'Last 30 days' }).check()
      await page.locator('.uplot').waitFor()
      await page.waitForTimeout(1500)
      await shot('analytics-30d')
      await page.getByRole('link', { name: 'Orders', exact: true }).click()
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
