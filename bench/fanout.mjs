// fanout: N SSE clients on one store of the production server, held by a separate load-generator
// process; time to connect them all, server memory per connection, and for orders posted one at a
// time the delay from each POST's response to each client's receipt of the event. Baseline in the
// same run: bench/baseline-sse-server.mjs (raw node:http) with the same clients and payload size.
// Usage: npm run bench:fanout [-- --clients 10000 --orders 20 --smoke --cpu-prof]
import { join } from 'node:path'
import { readOptions } from './lib/args.mjs'
import { now, sleep } from './lib/clock.mjs'
import { freePort } from './lib/free-port.mjs'
import { createClient, expectStatus } from './lib/http.mjs'
import { cpuSeconds, rssBytes } from './lib/proc.mjs'
import { postOrder, registerStore, sampleOrder } from './lib/pulse-api.mjs'
import { goal, RESULTS_DIR, writeResults } from './lib/results.mjs'
import { startPulse, waitForHealth } from './lib/server.mjs'
import { spawnNode, terminate } from './lib/spawn.mjs'
import { startLoadGenerator } from './lib/sse-clients.mjs'
import { ratio, round, summarize } from './lib/stats.mjs'
import { printTable } from './lib/table.mjs'

const options = readOptions({
  'clients': { type: 'number', default: 10_000, smoke: 20 },
  'orders': { type: 'number', default: 20, smoke: 3 },
  'concurrency': { type: 'number', default: 200, smoke: 10 },
  'pause': { type: 'number', default: 250, smoke: 20 },
  'cpu-prof': { type: 'boolean', default: false },
})
const MB = 1024 * 1024

/** Connects the clients, posts the orders one at a time, and measures; `publish(i)` returns the POST's times. */
async function measure(label, { pid, url, path, headers, publish, firstSeq }) {
  const loadGenerator = await startLoadGenerator()
  try {
    await sleep(300)
    const rssBefore = rssBytes(pid)
    const cpuStart = cpuSeconds(pid)
    console.log(`[${label}] connecting ${options.clients} clients…`)
    const connected = await loadGenerator.connect({ url, path, headers, clients: options.clients, concurrency: options.concurrency, record: true, timeoutMs: 120_000 })
    console.log(`[${label}] ${connected.connected}/${options.clients} connected in ${round(connected.ms / 1000)} s ${JSON.stringify(connected.outcomes)}`)
    await sleep(1000)
    const rssConnected = rssBytes(pid)
    const cpuConnected = cpuSeconds(pid)
    const posts = []
    const waits = []
    for (let i = 0; i < options.orders; i++) {
      const seq = firstSeq + i
      const response = await publish(i)
      posts.push({ seq, start: response.start, end: response.end })
      waits.push(await loadGenerator.waitFor(seq, 20_000))
      await sleep(options.pause)
    }
    const cpuEnd = cpuSeconds(pid)
    const rssEnd = rssBytes(pid)
    const report = await loadGenerator.report(firstSeq - 1, firstSeq + options.orders - 1)
    const fromResponse = []
    const fromRequest = []
    let missed = 0
    for (const post of posts) {
      for (const t of report.times[post.seq] ?? []) {
        if (t === null || Number.isNaN(t)) {
          missed++
          continue
        }
        fromResponse.push(t - post.end)
        fromRequest.push(t - post.start)
      }
    }
    missed += (options.orders - posts.filter(p => report.times[p.seq]).length) * connected.connected
    return {
      label,
      clients: options.clients,
      connected: connected.connected,
      connectOutcomes: connected.outcomes,
      connectSeconds: connected.ms / 1000,
      rssBeforeBytes: rssBefore,
      rssConnectedBytes: rssConnected,
      rssAfterOrdersBytes: rssEnd,
      bytesPerConnection: connected.connected ? (rssConnected - rssBefore) / connected.connected : Number.NaN,
      latencyFromResponseMs: summarize(fromResponse),
      latencyFromRequestMs: summarize(fromRequest),
      postMs: summarize(posts.map(p => p.end - p.start)),
      missedDeliveries: missed,
      closedEarly: report.closedEarly,
      frameBytes: report.sampleFrameBytes,
      cpuSecondsConnect: cpuConnected - cpuStart,
      cpuSecondsOrders: cpuEnd - cpuConnected,
      cpuMsPerOrder: (cpuEnd - cpuConnected) * 1000 / options.orders,
      waitTimeouts: waits.filter(w => w.have < w.target).length,
    }
  }
  finally {
    await loadGenerator.close()
  }
}

async function runPulse() {
  const profileDir = join(RESULTS_DIR, 'profiles')
  const server = await startPulse({
    outputDir: options.outputDir,
    env: { PULSE_STREAM_MAX_PER_STORE: String(options.clients + 100) },
    nodeArgs: options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-name=fanout-server.cpuprofile'] : [],
  })
  const client = createClient(server.url, { sockets: 1 })
  try {
    const auth = await registerStore(client)
    // One order before the clients connect warms the write path; the measured events come after it.
    await postOrder(client, sampleOrder(0))
    const summary = expectStatus(await client.get('/api/v1/analytics/summary'), 200, 'summary').body
    return await measure('pulse', {
      pid: server.pid,
      url: server.url,
      path: '/api/v1/events/stream',
      headers: { authorization: `Bearer ${auth.token}` },
      firstSeq: summary.lastSeq + 1,
      publish: i => postOrder(client, sampleOrder(i + 1)),
    })
  }
  finally {
    client.close()
    await server.dispose()
  }
}

async function runBaseline(frameBytes) {
  const port = await freePort()
  const child = spawnNode([join(import.meta.dirname, 'baseline-sse-server.mjs'), String(port)], { stdio: ['ignore', 'ignore', 'inherit'] })
  const url = `http://127.0.0.1:${port}`
  await waitForHealth(url, child, () => 'baseline server', { path: '/health' })
  const client = createClient(url, { sockets: 1 })
  // The same frame size as Pulse's: `id: N\nevent: order_created\ndata: <payload>\n\n`.
  const overhead = Buffer.byteLength(`id: 1\nevent: order_created\ndata: \n\n`)
  const padding = Math.max(0, frameBytes - overhead - '{"pad":""}'.length)
  const payload = JSON.stringify({ pad: 'x'.repeat(padding) })
  try {
    await client.post('/publish', payload)
    return await measure('baseline', {
      pid: child.pid,
      url,
      path: '/stream',
      headers: {},
      firstSeq: 2,
      publish: () => client.post('/publish', payload).then(r => expectStatus(r, 201, 'publish')),
    })
  }
  finally {
    client.close()
    await terminate(child)
  }
}

async function main() {
  const started = now()
  const pulse = await runPulse()
  const baseline = await runBaseline(pulse.frameBytes || 350)
  const rows = [pulse, baseline].map(r => ({
    'server': r.label,
    'clients': r.connected,
    'connect s': r.connectSeconds,
    'RSS before MB': r.rssBeforeBytes / MB,
    'RSS after MB': r.rssConnectedBytes / MB,
    'KB/conn': r.bytesPerConnection / 1024,
    'p50 ms': r.latencyFromResponseMs.p50,
    'p99 ms': r.latencyFromResponseMs.p99,
    'max ms': r.latencyFromResponseMs.max,
    'missed': r.missedDeliveries,
    'CPU conn s': r.cpuSecondsConnect,
    'CPU/order ms': r.cpuMsPerOrder,
  }))
  rows.push({
    'server': 'pulse/baseline',
    'connect s': ratio(pulse.connectSeconds, baseline.connectSeconds),
    'KB/conn': ratio(pulse.bytesPerConnection, baseline.bytesPerConnection),
    'p50 ms': ratio(pulse.latencyFromResponseMs.p50, baseline.latencyFromResponseMs.p50),
    'p99 ms': ratio(pulse.latencyFromResponseMs.p99, baseline.latencyFromResponseMs.p99),
    'max ms': ratio(pulse.latencyFromResponseMs.max, baseline.latencyFromResponseMs.max),
    'CPU conn s': ratio(pulse.cpuSecondsConnect, baseline.cpuSecondsConnect),
    'CPU/order ms': ratio(pulse.cpuMsPerOrder, baseline.cpuMsPerOrder),
  })
  printTable(`fanout: ${options.clients} SSE clients, ${options.orders} orders, latency = client receipt − POST response (performance.timeOrigin + performance.now() in both processes)`, rows)

  const p99Ratio = ratio(pulse.latencyFromResponseMs.p99, baseline.latencyFromResponseMs.p99)
  writeResults('fanout', {
    out: options.out,
    options,
    results: {
      clock: 'performance.timeOrigin + performance.now() in the poster and in the load generator (same machine)',
      pulse,
      baseline,
      ratios: { p99: p99Ratio, bytesPerConnection: ratio(pulse.bytesPerConnection, baseline.bytesPerConnection) },
      seconds: (now() - started) / 1000,
    },
    goals: [
      goal('p99 ≤ 1.3× baseline', p99Ratio, p99Ratio !== null && p99Ratio <= 1.3),
      goal('p99 ≤ 250 ms at 10,000 clients', round(pulse.latencyFromResponseMs.p99), options.clients >= 10_000 ? pulse.latencyFromResponseMs.p99 <= 250 : null),
      goal('≤ 20 KB of server memory per connection', round(pulse.bytesPerConnection / 1024), pulse.bytesPerConnection <= 20 * 1024),
    ],
    notes: ['Latency can be negative: Pulse writes the event to the streams before it answers the POST.'],
  })
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
