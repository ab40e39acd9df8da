// analytics: bulk-loads orders with payments (straight SQL, over `--days` days and `--stores` stores)
// at each size of `--sizes`, then times GET /api/v1/analytics/summary and /timeseries for every range
// over HTTP against a naive query that aggregates the raw orders and payments in this process (same
// figures, checked). Sizes are cumulative on one database: 10k, then +90k, then +900k.
// Usage: npm run bench:analytics [-- --sizes 10000,100000,1000000 --stores 100 --warmup 1000 --smoke --cpu-prof]
import { rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { readOptions } from './lib/args.mjs'
import { addStores, loadOrders, openForLoad } from './lib/bulk-load.mjs'
import { now } from './lib/clock.mjs'
import { createClient, expectStatus } from './lib/http.mjs'
import { prepareNaive } from './lib/naive-analytics.mjs'
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
      const naiveSummary = naive.summary(storeId, range)
      const naiveSeries = naive.timeseries(storeId, range)
      const matches = sameFigures(apiSummary, naiveSummary) && sameFigures(apiSeries, naiveSeries)
      if (!matches)
        console.warn(`[${size}] ${range}: the API and the naive query disagree\n api ${JSON.stringify(apiSummary)}\n naive ${JSON.stringify(naiveSummary)}`)
      const summary = await time(options.iterations, async () => expectStatus(await client.get(`/api/v1/analytics/summary?range=${range}`), 200, 'summary'))
      const timeseries = await time(options.iterations, async () => expectStatus(await client.get(`/api/v1/analytics/timeseries?range=${range}`), 200, 'timeseries'))
      const naiveSummaryMs = await time(options.naiveIterations, () => naive.summary(storeId, range), 3)
      const naiveTimeseriesMs = await time(options.naiveIterations, () => naive.timeseries(storeId, range), 3)
      const rollupInProcessMs = await time(options.iterations, () => naive.rollupSummary(storeId, range))
      rows.push({ size, range, orderCount: apiSummary.orderCount, matches, summary, timeseries, naiveSummary: naiveSummaryMs, naiveTimeseries: naiveTimeseriesMs, rollupInProcess: rollupInProcessMs })
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

    const largest = stages.at(-1)
    const smallest = stages[0]
    const worst = stage => Math.max(...stage.rows.map(r => r.summary.p95))
    const minSpeedup = Math.min(...largest.rows.map(r => r.naiveSummary.p50 / r.summary.p50))
    const growth = ratio(worst(largest), worst(smallest))
    writeResults('analytics', {
      out: options.out,
      options,
      results: { stages },
      goals: [
        goal(`summary p95 ≤ 5 ms at ${largest.size} orders (worst range)`, round(worst(largest)), worst(largest) <= 5),
        goal(`summary ≥ 100× faster than the naive query at ${largest.size} (p50, least of the ranges)`, round(minSpeedup), minSpeedup >= 100),
        goal(`summary p95 at ${largest.size} ≤ 1.5× that at ${smallest.size}`, growth, growth !== null && growth <= 1.5),
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
