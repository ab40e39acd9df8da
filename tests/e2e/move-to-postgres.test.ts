import { afterAll, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { createTestDatabase } from '../helpers/databases'
import { startServer } from '../helpers/server'
import { readMetric } from '../server/support/api'
import { runScript } from '../server/support/scripts'
import { hasChromium, launchChromium, newContext, signIn } from './merchant-helpers'

const PASSWORD = 'correct horse'
const cleanups: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

// What a merchant sees of the move (docs/deploy.md "Moving to PostgreSQL"): a dashboard left open on the
// embedded store while Pulse is stopped, copied, and started again at the same address on PostgreSQL
// stays signed in, reconnects by itself and goes on counting live orders, with no reset.
it.skipIf(!hasChromium || !process.env.TEST_DATABASE_URL)('an open dashboard stays signed in across db:copy and continues with the next order', async () => {
  const server = await startServer()
  cleanups.push(() => server.dispose())
  const target = await createTestDatabase()
  cleanups.push(() => target.drop())
  const { api, auth } = await registerStore(server.url, { password: PASSWORD })
  for (let i = 0; i < 3; i++) expect((await api.post('/orders', { items: [{ name: 'Flat white', quantity: 1, unitPriceCents: 420 }] })).status).toBe(201)

  const browser = await launchChromium()
  cleanups.push(() => browser.close())
  const page = await (await newContext(browser)).newPage()
  await signIn(page, server.url, { email: auth.user.email, password: PASSWORD })
  await page.getByTestId('kpi-orders').filter({ hasText: /^3$/ }).waitFor()

  await server.stop()
  const copy = await runScript('db-copy', ['--to', target.url], { PULSE_DATA_DIR: server.dataDir })
  expect(copy.code, copy.stderr).toBe(0)
  // The same address, now on PostgreSQL: the page's cookie and its stream's seq must both still hold.
  server.env.DATABASE_URL = target.url
  await server.restart()

  await page.getByTestId('live-badge').filter({ hasText: /^\s*Live\s*$/ }).waitFor({ timeout: 30_000 })
  expect(await readMetric(server, 'pulse_stream_open')).toBeGreaterThan(0)
  expect((await api.post('/orders', { items: [{ name: 'Flat white', quantity: 2, unitPriceCents: 420 }] })).status).toBe(201)
  await page.getByTestId('kpi-orders').filter({ hasText: /^4$/ }).waitFor()
  expect(page.url()).toBe(`${server.url}/`)
  expect(await readMetric(server, 'pulse_stream_resets_total')).toBe(0)
}, 120_000)
