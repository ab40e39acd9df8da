import type { Browser } from 'playwright-core'
import type { Api } from '../helpers/api'
import type { TestServer } from '../helpers/server'
import type { StallProxy } from '../helpers/stall-proxy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { signedInPage } from '../helpers/signed-in-page'
import { startStallProxy } from '../helpers/stall-proxy'
import { hasChromium, launchChromium, newContext } from './merchant-helpers'

const HEARTBEAT_MS = 1000
const order = (cents: number) => ({ items: [{ name: 'Scone', quantity: 1, unitPriceCents: cents }] })

describe.skipIf(!hasChromium)('the live badge cannot lie: a connection that stalls', () => {
  let server: TestServer
  let proxy: StallProxy
  let browser: Browser
  let api: Api

  beforeAll(async () => {
    server = await startServer({ env: { PULSE_HEARTBEAT_MS: String(HEARTBEAT_MS) } })
    proxy = await startStallProxy(server.url)
    ;({ api } = await registerStore(server.url))
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await proxy?.close()
    await server?.dispose()
  })

  it('says Reconnecting… then Offline while the proxy stalls, and catches up with every order once it forwards again', async () => {
    const page = await signedInPage(await newContext(browser), proxy.url, api.token!)
    await page.goto(proxy.url)
    const badge = page.getByTestId('live-badge')
    const orders = page.getByTestId('kpi-orders')
    await badge.filter({ hasText: /^\s*Live\s*$/ }).waitFor()
    await api.post('/orders', order(500))
    await orders.filter({ hasText: /^1$/ }).waitFor()

    proxy.stall()
    // Orders made at the till meanwhile: they reach the server, not this screen.
    for (const cents of [300, 400, 700])
      await api.post('/orders', order(cents))
    // No byte for heartbeat + 15 s: lost, then Offline by the badge's usual rule.
    await badge.filter({ hasText: 'Reconnecting…' }).waitFor({ timeout: HEARTBEAT_MS + 15_000 + 5000 })
    expect(await orders.textContent()).toBe('1')
    await badge.filter({ hasText: /^\s*Offline\s*$/ }).waitFor({ timeout: 10_000 })
    expect(await orders.textContent()).toBe('1')

    proxy.resume()
    await badge.filter({ hasText: /^\s*Live\s*$/ }).waitFor({ timeout: 40_000 })
    // It resumed with its last seq: the orders of the stall arrive, and the one after too.
    await orders.filter({ hasText: /^4$/ }).waitFor()
    await api.post('/orders', order(100))
    await orders.filter({ hasText: /^5$/ }).waitFor()
    await page.context().close()
  }, 120_000)
})
