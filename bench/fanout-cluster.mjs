// fanout-cluster: the cost of scaling out. N SSE clients of one store on one Pulse instance on
// PostgreSQL, against the same N split over two instances on the same database (N/2 each), with the
// orders always posted to instance A: clients on B get each event through PostgreSQL (NOTIFY, then a
// read of the log). Reports p50/p99 delivery (client receipt − POST response) for every client and for
// each instance's clients apart; B − A is the PostgreSQL hop.
// `--bus nats` wakes the instances through NATS (PULSE_NATS_URL) instead of PostgreSQL NOTIFY.
// Usage: npm run bench:fanout-cluster [-- --clients 10000 --orders 20 --database-url postgres://… --bus pg-notify|nats]
import { readOptions } from './lib/args.mjs'
import { sleep } from './lib/clock.mjs'
import { createClient, expectStatus } from './lib/http.mjs'
import { withDatabase } from './lib/pg-database.mjs'
import { cpuSeconds, rssBytes } from './lib/proc.mjs'
import { postOrder, registerStore, sampleOrder } from './lib/pulse-api.mjs'
import { goal, writeResults } from './lib/results.mjs'
import { startPulse } from './lib/server.mjs'
import { startLoadGenerator } from './lib/sse-clients.mjs'
import { ratio, summarize } from './lib/stats.mjs'
import { printTable } from './lib/table.mjs'

const options = readOptions({
  'clients': { type: 'number', default: 10_000, smoke: 20 },
  'orders': { type: 'number', default: 20, smoke: 3 },
  'concurrency': { type: 'number', default: 200, smoke: 10 },
  'pause': { type: 'number', default: 250, smoke: 20 },
  'database-url': { type: 'string', default: process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test' },
  'bus': { type: 'string', default: 'pg-notify' },
  'nats-url': { type: 'string', default: process.env.TEST_NATS_URL || 'nats://127.0.0.1:4222' },
})

/** Runs one scenario: `split` instances share the clients; orders go to the first one. */
async function scenario(label, split) {
  return withDatabase(options.databaseUrl, async (databaseUrl) => {
    const env = { DATABASE_URL: databaseUrl, PULSE_STREAM_MAX_PER_STORE: String(options.clients + 100), PULSE_MAX_CONNECTIONS_PER_ADDRESS: '0', ...(options.bus === 'nats' ? { PULSE_NATS_URL: options.natsUrl } : {}) }
    const first = await startPulse({ outputDir: options.outputDir, env })
    const instances = [first, ...await Promise.all(Array.from({ length: split - 1 }, () => startPulse({ outputDir: options.outputDir, env })))]
    const poster = createClient(first.url, { sockets: 1 })
    const loadGenerator = await startLoadGenerator()
    try {
      const auth = await registerStore(poster)
      await postOrder(poster, sampleOrder(0))
      const firstSeq = expectStatus(await poster.get('/api/v1/analytics/summary'), 200, 'summary').body.lastSeq + 1
      const rssBefore = instances.map(i => rssBytes(i.pid))
      const perInstance = Math.floor(options.clients / split)
      const ranges = []
      let connected = 0
      for (const [index, instance] of instances.entries()) {
        const result = await loadGenerator.connect({ url: instance.url, path: '/api/v1/events/stream', headers: { authorization: `Bearer ${auth.token}` }, clients: perInstance, concurrency: options.concurrency, record: true, timeoutMs: 120_000 })
        ranges.push({ index, from: connected, to: connected + perInstance })
        connected += result.connected
        console.log(`[${label}] instance ${index}: ${result.connected}/${perInstance} connected in ${(result.ms / 1000).toFixed(1)} s`)
      }
      await sleep(1000)
      const rssConnected = instances.map(i => rssBytes(i.pid))
      const cpuStart = instances.map(i => cpuSeconds(i.pid))
      const posts = []
      for (let i = 0; i < options.orders; i++) {
        const response = await postOrder(poster, sampleOrder(i + 1))
        posts.push({ seq: firstSeq + i, end: response.end })
        await loadGenerator.waitFor(firstSeq + i, 20_000)
        await sleep(options.pause)
      }
      const cpuOrders = instances.map((i, n) => cpuSeconds(i.pid) - cpuStart[n])
      const report = await loadGenerator.report(firstSeq - 1, firstSeq + options.orders - 1)
      const all = []
      const byInstance = ranges.map(() => [])
      let missed = 0
      for (const post of posts) {
        const times = report.times[post.seq] ?? []
        for (const range of ranges) {
          for (let c = range.from; c < range.to; c++) {
            const t = times[c]
            if (t === null || t === undefined || Number.isNaN(t)) {
              missed++
              continue
            }
            all.push(t - post.end)
            byInstance[range.index].push(t - post.end)
          }
        }
      }
      return {
        label,
        instances: split,
        clients: connected,
        latencyMs: summarize(all),
        latencyByInstanceMs: byInstance.map(summarize),
        missedDeliveries: missed,
        bytesPerConnection: instances.map((_, n) => (rssConnected[n] - rssBefore[n]) / perInstance),
        cpuMsPerOrderByInstance: cpuOrders.map(s => s * 1000 / options.orders),
      }
    }
    finally {
      await loadGenerator.close()
      poster.close()
      await Promise.all(instances.map(i => i.dispose()))
    }
  })
}

async function main() {
  const single = await scenario('1 instance', 1)
  const cluster = await scenario('2 instances', 2)
  const [onA, onB] = cluster.latencyByInstanceMs
  const rows = [
    { 'scenario': `1 × ${single.clients}`, 'p50 ms': single.latencyMs.p50, 'p99 ms': single.latencyMs.p99, 'max ms': single.latencyMs.max, 'missed': single.missedDeliveries, 'CPU/order ms': single.cpuMsPerOrderByInstance[0] },
    { 'scenario': `2 × ${cluster.clients / 2} (all)`, 'p50 ms': cluster.latencyMs.p50, 'p99 ms': cluster.latencyMs.p99, 'max ms': cluster.latencyMs.max, 'missed': cluster.missedDeliveries },
    { 'scenario': '  clients on A (writer)', 'p50 ms': onA.p50, 'p99 ms': onA.p99, 'max ms': onA.max, 'CPU/order ms': cluster.cpuMsPerOrderByInstance[0] },
    { 'scenario': `  clients on B (woken via ${options.bus})`, 'p50 ms': onB.p50, 'p99 ms': onB.p99, 'max ms': onB.max, 'CPU/order ms': cluster.cpuMsPerOrderByInstance[1] },
    { 'scenario': '2 instances / 1 instance', 'p50 ms': ratio(cluster.latencyMs.p50, single.latencyMs.p50), 'p99 ms': ratio(cluster.latencyMs.p99, single.latencyMs.p99) },
    { 'scenario': `${options.bus} hop (B − A)`, 'p50 ms': onB.p50 - onA.p50, 'p99 ms': onB.p99 - onA.p99 },
  ]
  printTable(`fanout-cluster: ${options.clients} SSE clients of one store on PostgreSQL, ${options.orders} orders posted to instance A`, rows)
  writeResults('fanout-cluster', {
    out: options.out,
    options: { ...options, databaseUrl: '(admin URL given)' },
    results: { single, cluster, postgresHopMs: { p50: onB.p50 - onA.p50, p99: onB.p99 - onA.p99 }, ratios: { p99: ratio(cluster.latencyMs.p99, single.latencyMs.p99) } },
    goals: [goal('nothing lost or doubled across instances', cluster.missedDeliveries, cluster.missedDeliveries === 0)],
    notes: ['Both scenarios run on the same machine: with two cores, two instances and the load generator share them.'],
  })
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
