// analytics: bulk-loads orders with payments (straight SQL, over `--days` days and `--stores` stores)
// at each size of `--sizes`, then times GET /api/v1/analytics/summary and /timeseries for every range
// over HTTP against a naive query that aggregates the raw orders and payments in this process (same
// figures, checked). Sizes are cumulative on one database: 10k, then +90k, then +900k. Also times the
// summary with a comparison (`compare=previous`), the heatmap (30d, 90d; its counts checked against the
// summary) and a custom range (checked equal to the fixed range of the same days); then, on a database
// of its own, streams the orders CSV of one store with `--export-orders` orders over a year and reports
// the server's peak RSS while it does.
// Usage: npm run bench:analytics [-- --sizes 10000,100000,1000000 --stores 100 --warmup 1000 --export-orders 1000000 --smoke --cpu-prof]
import { rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { readOptions } from './lib/args.mjs'
import { addStores, loadOrders, openForLoad } from './lib/bulk-load.mjs'
import { now } from './lib/clock.mjs'
import { createClient, expectStatus } from './lib/http.mjs'
import { prepareNaive, utcRangeBounds } from './lib/naive-analytics.mjs'
import { rssBytes } from './lib/proc.mjs'
import { registerStore } from './lib/pulse-api.mjs'
import { goal, RESULTS_DIR, writeResults } from './lib/results.mjs'
import { startPulse, tempDir } from './lib/server.mjs'
import { ratio, round, summarize } from './lib/stats.mjs'
import { printTable } from './lib/table.mjs'

const options = readOptions({
  'sizes': { type: 'list', default: [10_000, 100_000, 1_000_000], smoke: [300, 3000] },
  'stores': { type: 'number', default: 100, smoke: 3 },
  'days': { type: 'number', default: 90 },
  'iterations': { type: 'number', default: 300, smoke: 20 },
  'naive-iterations': { type: 'number', default: 40, smoke: 5 },
  'warmup': { type: 'number', default: 1000, smoke: 5 },
  'export-orders': { type: 'number', default: 1_000_000, smoke: 3000 },
  'cpu-prof': { type: 'boolean', default: false },
})
const RANGES = ['today', '7d', '30d', '90d']

/**
 * p50/p95 of `iterations` runs after `--warmup` unmeasured ones: a server answers thousands of these a
 * day, so its steady state is optimised code (the first few hundred calls run in V8's interpreter).
 */
async function time(iterations, run, warmup = options.warmup) {
  for (let i = 0; i < warmup; i++) await run()
  const samples = []
  for (let i = 0; i < iterations; i++) {
    const start = now()
    await run()
    samples.push(now() - start)
  }
  return summarize(samples)
}

/** True when every figure the naive query computes is the API's (the API may carry more fields). */
function sameFigures(api, naive) {
  if (Array.isArray(naive))
    return Array.isArray(api) && api.length === naive.length && naive.every((item, i) => sameFigures(api[i], item))
  if (naive && typeof naive === 'object')
    return !!api && typeof api === 'object' && Object.keys(naive).every(key => sameFigures(api[key], naive[key]))
  return api === naive
}

async function measureStage(size, dataDir, storeId, token) {
  const server = await startPulse({
    outputDir: options.outputDir,
    dataDir,
    keepData: true,
    nodeArgs: options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS_DIR, 'profiles')}`, `--cpu-prof-name=analytics-server-${size}.cpuprofile`] : [],
  })
  const client = createClient(server.url, { sockets: 1, token })
  const sqlite = new Database(join(dataDir, 'pulse.sqlite'), { readonly: true })
  const naive = prepareNaive(sqlite)
  try {
    const health = await time(options.iterations, async () => expectStatus(await client.get('/api/health'), 200, 'health'))
    const rows = []
    for (const range of RANGES) {
      const apiSummary = expectStatus(await client.get(`/api/v1/analytics/summary?range=${range}`), 200, 'summary').body
      const apiSeries = expectStatus(await client.get(`/api/v1/analytics/timeseries?range=${range}`), 200, 'timeseries').body
      const naiveSummary = naive.fullSummary(storeId, range)
      const naiveSeries = naive.timeseries(storeId, range)
      // The same days as a custom range must give the same figures.
      const bounds = utcRangeBounds(range)
      const customPath = `/api/v1/analytics/summary?range=custom&from=${bounds.from.slice(0, 10)}&to=${new Date(Date.parse(bounds.to) - 86_400_000).toISOString().slice(0, 10)}`
      const { range: _range, ...customFigures } = expectStatus(await client.get(customPath), 200, 'custom summary').body
      const heatmapPath = range === '30d' || range === '90d' ? `/api/v1/analytics/heatmap?range=${range}` : null
      const heatmapOrders = heatmapPath ? expectStatus(await client.get(heatmapPath), 200, 'heatmap').body.cells.reduce((sum, cell) => sum + cell.orderCount, 0) : apiSummary.orderCount
      const matches = sameFigures(apiSummary, naiveSummary) && sameFigures(apiSeries, naiveSeries) && sameFigures(customFigures, { ...naiveSummary, range: undefined }) && heatmapOrders === apiSummary.orderCount
      if (!matches)
        console.warn(`[${size}] ${range}: the API and the naive query disagree\n api ${JSON.stringify(apiSummary)}\n naive ${JSON.stringify(naiveSummary)}\n custom ${JSON.stringify(customFigures)}\n heatmap orders ${heatmapOrders}`)
      const summary = await time(options.iterations, async () => expectStatus(await client.get(`/api/v1/analytics/summary?range=${range}`), 200, 'summary'))
      const timeseries = await time(options.iterations, async () => expectStatus(await client.get(`/api/v1/analytics/timeseries?range=${range}`), 200, 'timeseries'))
      const compared = await time(options.iterations, async () => expectStatus(await client.get(`/api/v1/analytics/summary?range=${range}&compare=previous`), 200, 'summary with comparison'))
      const comparedSeries = await time(options.iterations, async () => expectStatus(await client.get(`/api/v1/analytics/timeseries?range=${range}&compare=previous`), 200, 'timeseries with comparison'))
      const heatmap = heatmapPath ? await time(options.iterations, async () => expectStatus(await client.get(heatmapPath), 200, 'heatmap')) : null
      const naiveSummaryMs = await time(options.naiveIterations, () => naive.summary(storeId, range), 3)
      const naiveTimeseriesMs = await time(options.naiveIterations, () => naive.timeseries(storeId, range), 3)
      const rollupInProcessMs = await time(options.iterations, () => naive.rollupSummary(storeId, range))
      rows.push({ size, range, orderCount: apiSummary.orderCount, matches, summary, timeseries, compared, comparedSeries, heatmap, naiveSummary: naiveSummaryMs, naiveTimeseries: naiveTimeseriesMs, rollupInProcess: rollupInProcessMs })
      console.log(`[${size}] ${range}: summary p50 ${round(summary.p50)} ms p95 ${round(summary.p95)} ms, naive p50 ${round(naiveSummaryMs.p50)} ms`)
    }
    return { health, rows }
  }
  finally {
    sqlite.close()
    client.close()
    await server.stop()
  }
}

/**
 * Streams the orders CSV of one store holding `count` orders over a year (on a database of its own)
 * while sampling the server's RSS every 50 ms: the export must not grow with the orders it writes.
 */
async function measureExport(count) {
  const dataDir = tempDir('analytics-export')
  const file = join(dataDir, 'pulse.sqlite')
  try {
    const first = await startPulse({ outputDir: options.outputDir, dataDir, keepData: true })
    const setupClient = createClient(first.url, { sockets: 1 })
    const auth = await registerStore(setupClient)
    setupClient.close()
    await first.stop()
    const load = openForLoad(file)
    console.log(`[export] loading ${count} orders into one store…`)
    const loaded = loadOrders(load.db, { storeIds: [auth.store.id], count, days: 365, now: Date.now(), seed: 99 })
    load.close()
    const server = await startPulse({ outputDir: options.outputDir, dataDir, keepData: true })
    try {
      const today = new Date().toISOString().slice(0, 10)
      const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)
      const client = createClient(server.url, { sockets: 1, token: auth.token })
      expectStatus(await client.get('/api/v1/analytics/summary'), 200, 'summary')
      const daily = await time(Math.min(options.iterations, 20), async () => expectStatus(await client.get(`/api/v1/exports/daily.csv?range=custom&from=${from}&to=${today}`), 200, 'daily.csv'), 2)
      client.close()
      const rssBefore = rssBytes(server.pid)
      let peak = rssBefore
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssBytes(server.pid))
      }, 50)
      const started = now()
      const response = await fetch(`${server.url}/api/v1/exports/orders.csv?range=custom&from=${from}&to=${today}`, { headers: { authorization: `Bearer ${auth.token}` } })
      expectStatus({ status: response.status, body: '' }, 200, 'orders.csv')
      let bytes = 0
      let lines = 0
      for await (const chunk of response.body) {
        bytes += chunk.length
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++
      }
      const seconds = (now() - started) / 1000
      clearInterval(sampler)
      peak = Math.max(peak, rssBytes(server.pid))
      const sqlite = new Database(file, { readonly: true })
      const expected = sqlite.prepare('SELECT count(*) AS n FROM orders WHERE created_at >= ?').get(new Date(`${from}T00:00:00Z`).toISOString()).n
      sqlite.close()
      return { orders: count, load: loaded, rows: lines - 1, expectedRows: expected, bytes, seconds, rssBeforeBytes: rssBefore, rssPeakBytes: peak, daily }
    }
    finally {
      await server.stop()
    }
  }
  finally {
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(`${dataDir}.log`, { force: true })
  }
}

async function main() {
  const dataDir = tempDir('analytics')
  const file = join(dataDir, 'pulse.sqlite')
  try {
    // The server creates the schema (its migrations) and the measured store, whose session it keeps.
    const first = await startPulse({ outputDir: options.outputDir, dataDir, keepData: true })
    const client = createClient(first.url, { sockets: 1 })
    const auth = await registerStore(client)
    client.close()
    await first.stop()
    const storeId = auth.store.id

    const setup = openForLoad(file)
    const storeIds = [storeId, ...addStores(setup.db, options.stores - 1)]
    setup.close()

    const stages = []
    let loaded = 0
    const loadNow = Date.now()
    for (const [index, size] of options.sizes.entries()) {
      const load = openForLoad(file)
      console.log(`[${size}] loading ${size - loaded} orders…`)
      const loadResult = loadOrders(load.db, { storeIds, count: size - loaded, days: options.days, now: loadNow, seed: index + 1 })
      load.close()
      loaded = size
      console.log(`[${size}] loaded in ${round(loadResult.seconds)} s (${Math.round(loadResult.orders / loadResult.seconds)} orders/s), ${round(statSync(file).size / 1024 / 1024)} MB`)
      const measured = await measureStage(size, dataDir, storeId, auth.token)
      stages.push({ size, load: loadResult, databaseBytes: statSync(file).size, ...measured })
    }

    const rows = stages.flatMap(stage => stage.rows.map(r => ({
      'orders': stage.size,
      'range': r.range,
      'store orders': r.orderCount,
      'summary p50': r.summary.p50,
      'summary p95': r.summary.p95,
      'series p50': r.timeseries.p50,
      'series p95': r.timeseries.p95,
      'cmp sum p95': r.compared.p95,
      'cmp series p95': r.comparedSeries.p95,
      'heatmap p95': r.heatmap?.p95 ?? '–',
      'naive sum p50': r.naiveSummary.p50,
      'naive sum p95': r.naiveSummary.p95,
      'naive series p50': r.naiveTimeseries.p50,
      'naive/API p50': ratio(r.naiveSummary.p50, r.summary.p50),
      'rollup SQL p50': r.rollupInProcess.p50,
      'naive/rollup SQL': ratio(r.naiveSummary.p50, r.rollupInProcess.p50),
      'same figures': r.matches,
    })))
    printTable(`analytics: ${options.stores} stores over ${options.days} days, one store measured; ms; baseline = naive SQL on raw orders/payments in process`, rows)
    printTable('loads and the HTTP floor (GET /api/health)', stages.map(s => ({
      'orders': s.size,
      'load s': s.load.seconds,
      'orders/s': Math.round(s.load.orders / s.load.seconds),
      'DB MB': s.databaseBytes / 1024 / 1024,
      'health p50 ms': s.health.p50,
      'health p95 ms': s.health.p95,
    })))

    const exported = await measureExport(options.exportOrders)
    printTable('export: GET /exports/orders.csv of one store, a year of orders, streamed', [{
      'orders in store': exported.orders,
      'rows': exported.rows,
      'rows expected': exported.expectedRows,
      'MB': exported.bytes / 1024 / 1024,
      'seconds': exported.seconds,
      'rows/s': Math.round(exported.rows / exported.seconds),
      'RSS before MB': exported.rssBeforeBytes / 1024 / 1024,
      'RSS peak MB': exported.rssPeakBytes / 1024 / 1024,
      'daily.csv p50 ms': exported.daily.p50,
    }])

    const largest = stages.at(-1)
    const smallest = stages[0]
    const worst = stage => Math.max(...stage.rows.map(r => r.summary.p95))
    const worstOf = (stage, key) => Math.max(...stage.rows.filter(r => r[key]).map(r => r[key].p95))
    const minSpeedup = Math.min(...largest.rows.map(r => r.naiveSummary.p50 / r.summary.p50))
    const growth = ratio(worst(largest), worst(smallest))
    writeResults('analytics', {
      out: options.out,
      options,
      results: { stages, exported },
      goals: [
        goal(`summary p95 ≤ 5 ms at ${largest.size} orders (worst range)`, round(worst(largest)), worst(largest) <= 5),
        goal(`summary ≥ 100× faster than the naive query at ${largest.size} (p50, least of the ranges)`, round(minSpeedup), minSpeedup >= 100),
        goal(`summary p95 at ${largest.size} ≤ 1.5× that at ${smallest.size}`, growth, growth !== null && growth <= 1.5),
        goal(`summary with compare=previous p95 ≤ 5 ms at ${largest.size} orders (worst range)`, round(worstOf(largest, 'compared')), worstOf(largest, 'compared') <= 5),
        goal(`heatmap p95 ≤ 5 ms at ${largest.size} orders (30d, 90d)`, round(worstOf(largest, 'heatmap')), worstOf(largest, 'heatmap') <= 5),
        goal('every figure equal to the naive query (fixed and custom ranges, heatmap totals)', stages.every(stage => stage.rows.every(r => r.matches)) ? 'yes' : 'no', stages.every(stage => stage.rows.every(r => r.matches))),
        goal(`orders.csv of ${exported.orders} orders: every row, server RSS grows ≤ 64 MB`, `${exported.rows}/${exported.expectedRows} rows, +${round((exported.rssPeakBytes - exported.rssBeforeBytes) / 1024 / 1024)} MB`, exported.rows === exported.expectedRows && exported.rssPeakBytes - exported.rssBeforeBytes <= 64 * 1024 * 1024),
      ],
      notes: ['All stores are in UTC. Timings are sequential requests on one keep-alive connection.'],
    })
  }
  finally {
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(`${dataDir}.log`, { force: true })
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
