// e2e: real Chromium on the analytics page, signed in as the demo store through the sign-in page;
// orders are posted through the API `--interval` ms apart and, per order, the time from the POST's
// response to the change of [data-testid="kpi-orders"] is measured with one clock on both sides:
// performance.timeOrigin + performance.now() in Node and in the page (a MutationObserver notes it).
// Then the page is left idle with its stream open for `--idle-seconds` (5 minutes by default): every
// request it makes besides the stream is counted, and the bytes it receives.
// Usage: npm run bench:e2e [-- --orders 50 --interval 200 --idle-seconds 300 --smoke]
import { rmSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { readOptions } from './lib/args.mjs'
import { CHROMIUM_FLAGS, chromiumPath, freshProfile } from './lib/chromium.mjs'
import { now, sleep } from './lib/clock.mjs'
import { createClient } from './lib/http.mjs'
import { DEMO, DEMO_READY, login, postOrder, sampleOrder } from './lib/pulse-api.mjs'
import { goal, writeResults } from './lib/results.mjs'
import { startPulse } from './lib/server.mjs'
import { round, summarize } from './lib/stats.mjs'
import { printTable } from './lib/table.mjs'

const options = readOptions({
  'orders': { type: 'number', default: 50, smoke: 5 },
  'interval': { type: 'number', default: 200 },
  'idle-seconds': { type: 'number', default: 300, smoke: 2 },
})
const STREAM_PATH = '/api/v1/events/stream'

/** Node's clock minus the page's, measured around one round trip (and its uncertainty). */
async function clockOffset(page) {
  let best = { offset: 0, uncertainty: Number.POSITIVE_INFINITY }
  for (let i = 0; i < 5; i++) {
    const before = now()
    const inPage = await page.evaluate(() => performance.timeOrigin + performance.now())
    const after = now()
    if ((after - before) / 2 < best.uncertainty)
      best = { offset: (before + after) / 2 - inPage, uncertainty: (after - before) / 2 }
  }
  return best
}

async function main() {
  const server = await startPulse({ outputDir: options.outputDir, env: { PULSE_DEMO: '1' }, waitForLog: DEMO_READY })
  const profile = freshProfile()
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    chromiumSandbox: false,
    args: CHROMIUM_FLAGS,
  })
  const api = createClient(server.url, { sockets: 1 })
  try {
    const page = context.pages()[0] ?? await context.newPage()
    // The page's network from the start (so the stream's request is known), counted from reset().
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    const streamIds = new Set()
    const network = {
      requests: [],
      streamRequests: 0,
      bytes: 0,
      streamBytes: 0,
      reset() {
        Object.assign(network, { requests: [], streamRequests: 0, bytes: 0, streamBytes: 0 })
      },
    }
    cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
      if (request.url.includes(STREAM_PATH)) {
        streamIds.add(requestId)
        network.streamRequests++
      }
      else {
        network.requests.push(request.url.replace(server.url, ''))
      }
    })
    cdp.on('Network.dataReceived', ({ requestId, encodedDataLength, dataLength }) => {
      const size = encodedDataLength || dataLength
      network.bytes += size
      if (streamIds.has(requestId))
        network.streamBytes += size
    })
    await page.goto(`${server.url}/sign-in`)
    await page.getByLabel('Email').fill(DEMO.email)
    await page.getByLabel('Password').fill(DEMO.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    const kpi = page.locator('[data-testid="kpi-orders"]')
    await kpi.waitFor({ timeout: 30_000 })
    await page.locator('[data-testid="live-badge"]', { hasText: /live/i }).waitFor({ timeout: 30_000 })
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="kpi-orders"]')?.textContent ?? ''), undefined, { timeout: 30_000 })

    // Every change of the KPI's text, timed in the page; the element may be replaced, so watch the body.
    await page.evaluate(() => {
      const changes = []
      let last = document.querySelector('[data-testid="kpi-orders"]')?.textContent
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="kpi-orders"]')?.textContent
        if (text !== last) {
          last = text
          changes.push({ t: performance.timeOrigin + performance.now(), text })
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true })
      globalThis.__kpiChanges = changes
    })
    const clock = await clockOffset(page)
    const parseCount = text => Number((text ?? '').replace(/\D/g, ''))
    const initialCount = parseCount(await kpi.textContent())

    await login(api, DEMO.email, DEMO.password)
    const posts = []
    for (let i = 0; i < options.orders; i++) {
      const started = now()
      const response = await postOrder(api, sampleOrder(i))
      posts.push({ start: started, end: response.end })
      await sleep(Math.max(0, options.interval - (now() - started)))
    }
    await page.waitForFunction(expected => Number((document.querySelector('[data-testid="kpi-orders"]')?.textContent ?? '').replace(/\D/g, '')) >= expected, initialCount + options.orders, { timeout: 15_000 }).catch(() => {})
    const changes = await page.evaluate(() => globalThis.__kpiChanges)
    // Order i is on screen at the first change that shows at least initial + i orders.
    const latencies = []
    let unseen = 0
    posts.forEach((post, i) => {
      const change = changes.find(c => parseCount(c.text) >= initialCount + i + 1)
      if (change)
        latencies.push(change.t + clock.offset - post.end)
      else
        unseen++
    })
    const latency = summarize(latencies)

    // The idle window: what the page does on its own with the stream open.
    network.reset()
    const workerRequests = []
    const onContextRequest = (request) => {
      if (!request.url().includes(STREAM_PATH) && request.serviceWorker())
        workerRequests.push(request.url())
    }
    context.on('request', onContextRequest)
    console.log(`idle for ${options.idleSeconds} s…`)
    const idleStarted = now()
    await sleep(options.idleSeconds * 1000)
    const idleSeconds = (now() - idleStarted) / 1000
    context.off('request', onContextRequest)
    const badge = await page.locator('[data-testid="live-badge"]').textContent()

    printTable(`e2e: ${options.orders} orders ${options.interval} ms apart; POST response → kpi-orders DOM change (performance.timeOrigin + performance.now() in Node and Chromium, offset ${round(clock.offset, 3)} ± ${round(clock.uncertainty, 3)} ms)`, [
      { 'orders': options.orders, 'seen': latencies.length, 'p50 ms': latency.p50, 'p95 ms': latency.p95, 'max ms': latency.max, 'min ms': latency.min },
    ])
    printTable(`idle window (${round(idleSeconds)} s, stream open)`, [
      { 'requests besides the stream': network.requests.length, 'service-worker requests': workerRequests.length, 'stream (re)connects': network.streamRequests, 'bytes received': network.bytes, 'stream bytes': network.streamBytes, 'badge at end': badge?.trim() },
    ])
    writeResults('e2e', {
      out: options.out,
      options,
      results: {
        clock: 'performance.timeOrigin + performance.now() in Node and in the page; offset measured around page.evaluate round trips',
        clockOffsetMs: clock.offset,
        clockUncertaintyMs: clock.uncertainty,
        initialCount,
        latencyMs: latency,
        unseen,
        latencies,
        idle: { seconds: idleSeconds, requestsBesidesStream: network.requests.length, requests: network.requests.slice(0, 50), streamRequests: network.streamRequests, serviceWorkerRequests: workerRequests.length, bytesReceived: network.bytes, streamBytes: network.streamBytes, badgeAtEnd: badge?.trim() },
      },
      goals: [
        goal('POST response → DOM p95 ≤ 100 ms', round(latency.p95), latency.p95 <= 100),
        goal('0 requests besides the stream while idle', network.requests.length + workerRequests.length, network.requests.length + workerRequests.length === 0),
      ],
    })
  }
  finally {
    api.close()
    await context.close().catch(() => {})
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
    await server.dispose()
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
