// ingest: POST /api/v1/orders from `--concurrency` concurrent keep-alive connections while `--clients`
// stream clients (a separate load-generator process) are attached to the store and must each receive
// every event, exactly once and in order. Baseline in the same run: the same loop against
// GET /api/health on the same server (the HTTP floor). Usage:
// npm run bench:ingest [-- --orders 20000 --clients 1000 --concurrency 32 --max-seconds 60 --smoke --cpu-prof]
import { join } from 'node:path'
import { readOptions } from './lib/args.mjs'
import { now } from './lib/clock.mjs'
import { freePort } from './lib/free-port.mjs'
import { createClient, expectStatus } from './lib/http.mjs'
import { runLoop } from './lib/load-loop.mjs'
import { productionNodeFlags } from './lib/node-flags.mjs'
import { cpuSeconds } from './lib/proc.mjs'
import { registerStore, sampleOrder } from './lib/pulse-api.mjs'
import { goal, RESULTS_DIR, writeResults } from './lib/results.mjs'
import { startPulse, streamCaps, waitForHealth } from './lib/server.mjs'
import { spawnNode, terminate } from './lib/spawn.mjs'
import { startLoadGenerator } from './lib/sse-clients.mjs'
import { ratio, round } from './lib/stats.mjs'
import { printTable } from './lib/table.mjs'

const options = readOptions({
  'orders': { type: 'number', default: 20_000, smoke: 200 },
  'clients': { type: 'number', default: 1000, smoke: 20 },
  'concurrency': { type: 'number', default: 32, smoke: 8 },
  'max-seconds': { type: 'number', default: 60, smoke: 10 },
  'warmup': { type: 'number', default: 500, smoke: 20 },
  'cpu-prof': { type: 'boolean', default: false },
  'raw-baseline': { type: 'boolean', default: true },
  // A smaller PULSE_STREAM_MAX_BUFFER drops more clients as slow: what a slower machine does at full rate.
  'stream-max-buffer': { type: 'number', default: 0 },
})

/**
 * The fan-out floor: bench/baseline-sse-server.mjs (raw node:http, no database) with the same stream
 * clients, published to by the same loop with frames of Pulse's size; same delivery check.
 */
async function runRawBaseline(frameBytes) {
  const port = await freePort()
  const child = spawnNode([...productionNodeFlags(), join(import.meta.dirname, 'baseline-sse-server.mjs'), String(port)], { stdio: ['ignore', 'ignore', 'inherit'] })
  const url = `http://127.0.0.1:${port}`
  const client = createClient(url, { sockets: options.concurrency })
  const loadGenerator = await startLoadGenerator()
  try {
    await waitForHealth(url, child, () => 'baseline server', { path: '/health' })
    const payload = JSON.stringify({ pad: 'x'.repeat(Math.max(0, frameBytes - Buffer.byteLength('id: 1000\nevent: order_created\ndata: \n\n') - 10)) })
    await runLoop({ concurrency: options.concurrency, total: options.warmup, okStatus: 201, request: () => client.post('/publish', payload) })
    const firstSeq = options.warmup + 1
    await loadGenerator.connect({ url, path: '/stream', clients: options.clients, concurrency: 100 })
    const cpuBefore = cpuSeconds(child.pid)
    const loop = await runLoop({ concurrency: options.concurrency, total: options.orders, maxSeconds: options.maxSeconds, okStatus: 201, request: () => client.post('/publish', payload) })
    const cpu = cpuSeconds(child.pid) - cpuBefore
    const lastSeq = firstSeq + loop.count - 1
    await loadGenerator.waitFor(lastSeq, 60_000)
    const delivery = await loadGenerator.report(firstSeq - 1, lastSeq)
    return { ...loop, serverCpuSeconds: cpu, clientsWithEveryEvent: delivery.complete, everyClientGotEveryEvent: delivery.complete === options.clients }
  }
  finally {
    await loadGenerator.close()
    client.close()
    await terminate(child)
  }
}

async function main() {
  const server = await startPulse({
    outputDir: options.outputDir,
    env: { ...streamCaps(options.clients + 100), ...(options.streamMaxBuffer ? { PULSE_STREAM_MAX_BUFFER: String(options.streamMaxBuffer) } : {}) },
    nodeArgs: options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS_DIR, 'profiles')}`, '--cpu-prof-name=ingest-server.cpuprofile'] : [],
  })
  const setup = createClient(server.url, { sockets: 1 })
  const client = createClient(server.url, { sockets: options.concurrency })
  const loadGenerator = await startLoadGenerator()
  try {
    const auth = await registerStore(setup)
    client.token = auth.token
    const body = JSON.stringify(sampleOrder(1))
    // Warm both paths before measuring (JIT, statement caches), with no stream attached yet.
    await runLoop({ concurrency: options.concurrency, total: options.warmup, okStatus: 201, request: () => client.post('/api/v1/orders', body) })
    await runLoop({ concurrency: options.concurrency, total: options.warmup, request: () => client.get('/api/health') })
    const firstSeq = expectStatus(await setup.get('/api/v1/analytics/summary'), 200, 'summary').body.lastSeq + 1

    // Clients the server drops as too slow come back with Last-Event-ID, as browsers do, so that on a slower
    // machine "every client got every event" still holds (their reconnects are counted).
    const connected = await loadGenerator.connect({ url: server.url, path: '/api/v1/events/stream', headers: { authorization: `Bearer ${auth.token}` }, clients: options.clients, concurrency: 100, reconnect: true })
    console.log(`${connected.connected}/${options.clients} stream clients connected in ${round(connected.ms / 1000)} s`)

    const cpuBeforeHealth = cpuSeconds(server.pid)
    const health = await runLoop({ concurrency: options.concurrency, total: options.orders, maxSeconds: options.maxSeconds, request: () => client.get('/api/health') })
    const cpuBeforeOrders = cpuSeconds(server.pid)
    console.log(`health: ${Math.round(health.perSecond)} requests/s`)
    const orders = await runLoop({ concurrency: options.concurrency, total: options.orders, maxSeconds: options.maxSeconds, okStatus: 201, request: () => client.post('/api/v1/orders', body) })
    const ordersEnded = now()
    const cpuAfterOrders = cpuSeconds(server.pid)
    console.log(`orders: ${Math.round(orders.perSecond)} orders/s`)
    const lastSeq = expectStatus(await setup.get('/api/v1/analytics/summary'), 200, 'summary').body.lastSeq
    const waited = await loadGenerator.waitFor(lastSeq, 60_000)
    const drainSeconds = (now() - ordersEnded) / 1000
    const delivery = await loadGenerator.report(firstSeq - 1, lastSeq)
    const everyClientGotEveryEvent = delivery.connected === options.clients && delivery.complete === delivery.connected && delivery.closedEarly === 0
    const deliveryResult = {
      clients: options.clients,
      connected: delivery.connected,
      eventsExpectedPerClient: delivery.expectedPerClient,
      clientsWithEveryEvent: delivery.complete,
      clientsWithGaps: delivery.withGaps,
      clientsWithDuplicates: delivery.withDuplicates,
      closedEarly: delivery.closedEarly,
      reconnects: delivery.reconnects,
      minEventsPerClient: delivery.minCount,
      maxEventsPerClient: delivery.maxCount,
      secondsToDeliverAfterLastResponse: drainSeconds,
      lastEventReachedAll: waited.have >= waited.target,
      everyClientGotEveryEvent,
    }
    await loadGenerator.close()
    const raw = options.rawBaseline ? await runRawBaseline(delivery.sampleFrameBytes || 342) : null
    const rows = [
      { 'loop': 'POST /api/v1/orders', 'requests': orders.count, 'seconds': orders.seconds, 'per second': orders.perSecond, 'p50 ms': orders.latencyMs.p50, 'p99 ms': orders.latencyMs.p99, 'max ms': orders.latencyMs.max, 'errors': Object.values(orders.errors).reduce((a, b) => a + b, 0), 'server CPU s': cpuAfterOrders - cpuBeforeOrders },
      { 'loop': 'GET /api/health (baseline)', 'requests': health.count, 'seconds': health.seconds, 'per second': health.perSecond, 'p50 ms': health.latencyMs.p50, 'p99 ms': health.latencyMs.p99, 'max ms': health.latencyMs.max, 'errors': Object.values(health.errors).reduce((a, b) => a + b, 0), 'server CPU s': cpuBeforeOrders - cpuBeforeHealth },
      { 'loop': 'orders/baseline', 'per second': ratio(orders.perSecond, health.perSecond), 'p50 ms': ratio(orders.latencyMs.p50, health.latencyMs.p50), 'p99 ms': ratio(orders.latencyMs.p99, health.latencyMs.p99) },
    ]
    if (raw) {
      rows.push(
        { 'loop': `raw SSE broadcaster, ${options.clients} clients`, 'requests': raw.count, 'seconds': raw.seconds, 'per second': raw.perSecond, 'p50 ms': raw.latencyMs.p50, 'p99 ms': raw.latencyMs.p99, 'max ms': raw.latencyMs.max, 'errors': Object.values(raw.errors).reduce((a, b) => a + b, 0), 'server CPU s': raw.serverCpuSeconds },
        { 'loop': 'orders/raw broadcaster', 'per second': ratio(orders.perSecond, raw.perSecond), 'p50 ms': ratio(orders.latencyMs.p50, raw.latencyMs.p50), 'p99 ms': ratio(orders.latencyMs.p99, raw.latencyMs.p99) },
      )
    }
    printTable(`ingest: concurrency ${options.concurrency}, ${options.clients} stream clients attached, SQLite`, rows)
    printTable('delivery to the stream clients', [{
      'clients': delivery.connected,
      'events each': delivery.expectedPerClient,
      'with every event': delivery.complete,
      'with gaps': delivery.withGaps,
      'duplicates': delivery.withDuplicates,
      'closed early': delivery.closedEarly,
      'reconnects': delivery.reconnects,
      'min/max received': `${delivery.minCount}/${delivery.maxCount}`,
      'drain s': drainSeconds,
      'all got all': everyClientGotEveryEvent,
    }])
    writeResults('ingest', {
      out: options.out,
      options,
      results: { orders, health, rawBroadcaster: raw, frameBytes: delivery.sampleFrameBytes, ratios: { throughput: ratio(orders.perSecond, health.perSecond), p99: ratio(orders.latencyMs.p99, health.latencyMs.p99), throughputVsRawBroadcaster: raw ? ratio(orders.perSecond, raw.perSecond) : null }, delivery: deliveryResult, serverCpuSeconds: { orders: cpuAfterOrders - cpuBeforeOrders, health: cpuBeforeOrders - cpuBeforeHealth } },
      goals: [
        goal('≥ 1,500 orders/s on SQLite', Math.round(orders.perSecond), orders.perSecond >= 1500),
        goal('every stream client receives every event', `${delivery.complete}/${options.clients}`, everyClientGotEveryEvent),
      ],
    })
  }
  finally {
    await loadGenerator.close()
    setup.close()
    client.close()
    await server.dispose()
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
