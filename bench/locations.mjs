// locations: a person owning `--stores` stores of `--orders-per-store` orders each (bulk-loaded, straight
// SQL, over `--days` days). Times GET /api/v1/analytics/locations against one store's
// GET /analytics/summary, the baseline in the same run (each location's row is that store's own summary);
// then a missed hour on the stream: `--missed` orders in every store, replayed by one stream over every
// store (`stores=all`, resumed from a cursor) against a single store's stream replaying its own.
// `--data-dir <dir>` keeps the loaded data there and reuses it on the next run with the same sizes (the
// bulk load of 500,000 orders is most of a full run's setup); `--cpu-prof` profiles the server;
// `--skip-analytics` times the stream only.
// Usage: npm run bench:locations [-- --stores 50 --orders-per-store 10000 --iterations 200 --missed 20 --data-dir <dir> --cpu-prof --skip-analytics --smoke]
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readOptions } from './lib/args.mjs'
import { addStores, loadOrders, openForLoad } from './lib/bulk-load.mjs'
import { now } from './lib/clock.mjs'
import { documentedCursor } from './lib/documented-cursor.mjs'
import { createClient, expectStatus } from './lib/http.mjs'
import { login, postOrder, registerStore, sampleOrder } from './lib/pulse-api.mjs'
import { readReplay } from './lib/replay-reader.mjs'
import { goal, RESULTS_DIR, writeResults } from './lib/results.mjs'
import { startPulse, streamCaps, tempDir } from './lib/server.mjs'
import { median, ratio, round, summarize } from './lib/stats.mjs'
import { printTable } from './lib/table.mjs'

const options = readOptions({
  'stores': { type: 'number', default: 50, smoke: 3 },
  'orders-per-store': { type: 'number', default: 10_000, smoke: 200 },
  'days': { type: 'number', default: 90 },
  'iterations': { type: 'number', default: 200, smoke: 10 },
  'warmup': { type: 'number', default: 300, smoke: 3 },
  'missed': { type: 'number', default: 20, smoke: 3 },
  'stream-runs': { type: 'number', default: 15, smoke: 2 },
  'data-dir': { type: 'string' },
  'cpu-prof': { type: 'boolean', default: false },
  'skip-analytics': { type: 'boolean', default: false },
})
const RANGES = ['today', '30d']

/**
 * Times `a` and `b` alternately (a, b, a, b…): on a shared machine the load changes by the second, and
 * each side of the ratio must see the same machine.
 */
async function timeAlternately(iterations, a, b, warmup = options.warmup) {
  for (let i = 0; i < warmup; i++) {
    await a()
    await b()
  }
  const samples = [[], []]
  for (let i = 0; i < iterations; i++) {
    for (const [index, run] of [a, b].entries()) {
      const start = now()
      await run()
      samples[index].push(now() - start)
    }
  }
  return samples.map(summarize)
}

/**
 * Connects, and resolves with the ms from the request until `events` business events have arrived (each
 * event of a `batch` counted, every one checked to be the next seq of its store after `from`), and the
 * bytes read by then.
 */
async function replayTime(url, token, lastEventId, from, events) {
  const controller = new AbortController()
  const started = now()
  const response = await fetch(url, { headers: { 'authorization': `Bearer ${token}`, 'last-event-id': lastEventId }, signal: controller.signal })
  if (response.status !== 200)
    throw new Error(`stream: ${response.status} ${await response.text()}`)
  const { bytes } = await readReplay(response.body, from, events)
  const ms = now() - started
  controller.abort()
  return { ms, bytes }
}

/**
 * Registers the measured store, adds the others and their orders straight into the database (the server
 * stopped); returns what a later run needs to sign in again and find the stores.
 */
async function loadData(dataDir, env) {
  const file = join(dataDir, 'pulse.sqlite')
  const first = await startPulse({ outputDir: options.outputDir, dataDir, keepData: true, env })
  const setupClient = createClient(first.url, { sockets: 1 })
  const auth = await registerStore(setupClient)
  setupClient.close()
  await first.stop()

  // The other stores and the person's memberships, straight into the database.
  const load = openForLoad(file)
  const storeIds = [auth.store.id, ...addStores(load.db, options.stores - 1)]
  const member = load.db.prepare('INSERT INTO memberships (store_id, user_id, role, created_at, last_seen_at) VALUES (?, ?, \'owner\', ?, NULL)')
  load.db.transaction(() => {
    for (const storeId of storeIds.slice(1)) member.run(storeId, auth.user.id, new Date().toISOString())
  })()
  console.log(`loading ${options.stores} × ${options.ordersPerStore} orders…`)
  const loaded = loadOrders(load.db, { storeIds, count: options.stores * options.ordersPerStore, days: options.days, now: Date.now(), seed: 7 })
  load.close()
  console.log(`loaded in ${round(loaded.seconds)} s`)
  return { email: auth.email, password: auth.password, storeIds, stores: options.stores, ordersPerStore: options.ordersPerStore, days: options.days, loaded }
}

async function main() {
  const dataDir = options.dataDir ?? tempDir('locations')
  const metaFile = join(dataDir, 'bench-locations.json')
  const env = streamCaps(10)
  let meta = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : null
  if (meta && (meta.stores !== options.stores || meta.ordersPerStore !== options.ordersPerStore || meta.days !== options.days))
    throw new Error(`${dataDir} holds ${meta.stores} × ${meta.ordersPerStore} orders over ${meta.days} days: use another --data-dir`)
  if (meta) {
    console.log(`reusing ${dataDir} (loaded ${meta.loadedAt}; earlier runs' missed orders are in it)`)
  }
  else {
    meta = { ...await loadData(dataDir, env), loadedAt: new Date().toISOString() }
    if (options.dataDir)
      writeFileSync(metaFile, JSON.stringify(meta))
  }
  const { storeIds, loaded } = meta

  const server = await startPulse({
    outputDir: options.outputDir,
    dataDir,
    keepData: true,
    env,
    nodeArgs: options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS_DIR, 'profiles')}`, '--cpu-prof-name=locations-server.cpuprofile'] : [],
  })
  const signIn = createClient(server.url, { sockets: 1 })
  const session = await login(signIn, meta.email, meta.password)
  signIn.close()
  const auth = { token: session.token, store: { id: storeIds[0] } }
  const client = createClient(server.url, { sockets: 1, token: auth.token })
  try {
    expectStatus(await client.post('/api/v1/auth/switch-store', { storeId: auth.store.id }), 200, 'switch')
    const locations = expectStatus(await client.get('/api/v1/analytics/locations?range=30d'), 200, 'locations').body
    const summary = expectStatus(await client.get('/api/v1/analytics/summary?range=30d'), 200, 'summary').body
    const own = locations.stores.find(row => row.storeId === auth.store.id)
    const matches = locations.stores.length === options.stores && own.revenueCents === summary.revenueCents && own.orderCount === summary.orderCount
    const rows = []
    for (const range of options.skipAnalytics ? [] : RANGES) {
      for (const compare of ['', '&compare=previous']) {
        const [one, all] = await timeAlternately(options.iterations, async () => expectStatus(await client.get(`/api/v1/analytics/summary?range=${range}${compare}`), 200, 'summary'), async () => expectStatus(await client.get(`/api/v1/analytics/locations?range=${range}${compare}`), 200, 'locations'))
        rows.push({ range: `${range}${compare ? ' vs previous' : ''}`, summary: one, locations: all, ratio: ratio(all.p95, one.p95) })
        console.log(`${range}${compare}: summary p95 ${round(one.p95)} ms, locations p95 ${round(all.p95)} ms`)
      }
    }

    // A missed hour: `--missed` orders in every store, made through the API so that they are in the event log.
    // The first store also misses as many orders as every store together before its own hour: a single
    // store's stream replaying the same number of events, to tell the cost of carrying several stores from
    // the cost of carrying more events.
    const positions = new Map()
    let sameEventsFrom = 0
    for (const [index, storeId] of storeIds.entries()) {
      expectStatus(await client.post('/api/v1/auth/switch-store', { storeId }), 200, 'switch')
      const lastSeq = async () => expectStatus(await client.get('/api/v1/analytics/summary'), 200, 'summary').body.lastSeq
      if (index === 0) {
        sameEventsFrom = await lastSeq()
        for (let i = 0; i < options.missed * (options.stores - 1); i++) await postOrder(client, sampleOrder(i))
      }
      positions.set(storeId, await lastSeq())
      for (let i = 0; i < options.missed; i++) await postOrder(client, sampleOrder(i))
    }
    expectStatus(await client.post('/api/v1/auth/switch-store', { storeId: auth.store.id }), 200, 'switch')
    const streamUrl = `${server.url}/api/v1/events/stream`
    const ownHour = new Map([[auth.store.id, positions.get(auth.store.id)]])
    const single = []
    const sameEvents = []
    const multi = []
    for (let run = 0; run < options.streamRuns; run++) {
      single.push(await replayTime(streamUrl, auth.token, String(positions.get(auth.store.id)), ownHour, options.missed))
      sameEvents.push(await replayTime(streamUrl, auth.token, String(sameEventsFrom), new Map([[auth.store.id, sameEventsFrom]]), options.missed * options.stores))
      multi.push(await replayTime(`${streamUrl}?stores=all`, auth.token, documentedCursor(positions), positions, options.missed * options.stores))
    }
    const [singleStats, sameEventsStats, multiStats] = [single, sameEvents, multi].map(runs => summarize(runs.map(run => run.ms)))
    const [singleBytes, sameEventsBytes, multiBytes] = [single, sameEvents, multi].map(runs => median(runs.map(run => run.bytes)))
    printTable(`locations: ${options.stores} stores × ${options.ordersPerStore} orders over ${options.days} days; ms; baseline = one store's summary in the same run`, rows.map(r => ({
      'range': r.range,
      'summary p50': r.summary.p50,
      'summary p95': r.summary.p95,
      'locations p50': r.locations.p50,
      'locations p95': r.locations.p95,
      'p95 ratio': r.ratio,
    })))
    printTable(`stream: connect and replay ${options.missed} missed orders a store; ms over ${options.streamRuns} runs, median bytes read`, [
      { stream: 'one store, its own hour', events: options.missed, p50: singleStats.p50, p95: singleStats.p95, bytes: singleBytes },
      { stream: 'one store, as many events', events: options.missed * options.stores, p50: sameEventsStats.p50, p95: sameEventsStats.p95, bytes: sameEventsBytes },
      { stream: `stores=all (${options.stores})`, events: options.missed * options.stores, p50: multiStats.p50, p95: multiStats.p95, bytes: multiBytes },
    ])
    const worst = rows.length > 0 ? Math.max(...rows.map(r => r.ratio ?? Infinity)) : null
    const streamRatio = ratio(multiStats.p50, singleStats.p50)
    const sameEventsRatio = ratio(multiStats.p50, sameEventsStats.p50)
    writeResults('locations', {
      out: options.out,
      options,
      results: { load: loaded, matches, rows, stream: { single: singleStats, sameEvents: sameEventsStats, multi: multiStats, ratio: streamRatio, sameEventsRatio, bytes: { single: singleBytes, sameEvents: sameEventsBytes, multi: multiBytes } } },
      goals: [
        goal(`GET /analytics/locations over ${options.stores} stores: p95 ≤ 5× one store's summary (worst range)`, worst, worst !== null && worst <= 5),
        goal(`a stream over ${options.stores} stores connects and replays a missed hour in ≤ 2× a single store's own hour (p50; ${options.stores}× the events)`, streamRatio, streamRatio !== null && streamRatio <= 2),
        goal(`… in ≤ 2× a single store's stream replaying as many events (p50)`, sameEventsRatio, sameEventsRatio !== null && sameEventsRatio <= 2),
        goal('the open store\'s row equals its summary, one row per store', matches ? 'yes' : 'no', matches),
      ],
      notes: ['Sequential requests on one keep-alive connection; stores in UTC. The multi-store replay sends every store\'s missed orders (stores × missed events); one baseline is a single store replaying its own (missed events), the other a single store replaying as many events as every store together.'],
    })
  }
  finally {
    client.close()
    await server.stop()
    if (!options.dataDir) {
      rmSync(dataDir, { recursive: true, force: true })
      rmSync(`${dataDir}.log`, { force: true })
    }
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
