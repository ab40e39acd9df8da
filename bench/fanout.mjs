// fanout: N SSE clients on one store of the production server, held by a separate load-generator
// process, against the floor — bench/baseline-sse-server.mjs (raw node:http) given the same clients, the
// same frame size and the same orders in the same run. For each client count and run: time to connect
// them all, server memory per connection, then the scenarios (bench/lib/fanout-scenarios.mjs: orders one
// at a time, a steady rate, a burst), each timed per client and order from the POST's send (what a till
// and its merchant feel) and from its response. Figures are the median of `--runs` runs.
// Usage: npm run bench:fanout [-- --clients 2000,10000 --runs 3 --scenarios single,steady,burst --cpu-prof]
import { readOptions } from './lib/args.mjs'
import { now, sleep } from './lib/clock.mjs'
import { runScenario } from './lib/fanout-scenarios.mjs'
import { startFloorTarget, startPulseTarget } from './lib/fanout-targets.mjs'
import { cpuSeconds, rssBytes } from './lib/proc.mjs'
import { goal, writeResults } from './lib/results.mjs'
import { startLoadGenerator } from './lib/sse-clients.mjs'
import { round } from './lib/stats.mjs'
import { printTable } from './lib/table.mjs'

const options = readOptions({
  'clients': { type: 'list', default: [2000, 10_000], smoke: [20] },
  'runs': { type: 'number', default: 3, smoke: 1 },
  'scenarios': { type: 'string', default: 'single,steady,burst' },
  'orders': { type: 'number', default: 20, smoke: 3 },
  'rate': { type: 'number', default: 20 },
  'seconds': { type: 'number', default: 5, smoke: 0.5 },
  'burst': { type: 'number', default: 200, smoke: 10 },
  'concurrency': { type: 'number', default: 200, smoke: 10 },
  'pause': { type: 'number', default: 250, smoke: 20 },
  'cpu-prof': { type: 'boolean', default: false },
})
const scenarios = options.scenarios.split(',').map(s => s.trim()).filter(Boolean)
// Pulse's order_created frame is about this size; the floor is padded to the size Pulse's frames had.
let frameBytes = 350

/** Connects the clients to one target, measures its memory per connection, then runs the scenarios. */
async function measure(target, clients) {
  const loadGenerator = await startLoadGenerator()
  try {
    await sleep(300)
    const rssBefore = rssBytes(target.pid)
    const cpuStart = cpuSeconds(target.pid)
    const connected = await loadGenerator.connect({ url: target.url, path: target.path, headers: target.headers, clients, concurrency: options.concurrency, record: true, timeoutMs: 120_000 })
    console.log(`[${target.label}] ${connected.connected}/${clients} connected in ${round(connected.ms / 1000)} s ${JSON.stringify(connected.outcomes)}`)
    const cpuConnect = cpuSeconds(target.pid) - cpuStart
    await sleep(1000)
    const rssConnected = rssBytes(target.pid)
    const results = {}
    for (const name of scenarios) {
      results[name] = await runScenario(name, target, loadGenerator, options)
      if (target.label === 'pulse' && name === 'single' && results[name].frameBytes)
        frameBytes = results[name].frameBytes
      const r = results[name]
      console.log(`[${target.label}] ${name}: ${r.orders} orders, p99 from send ${round(r.fromSendMs.p99)} ms, from response ${round(r.fromResponseMs.p99)} ms, missed ${r.missed}`)
    }
    return {
      label: target.label,
      clients,
      connected: connected.connected,
      connectOutcomes: connected.outcomes,
      connectSeconds: connected.ms / 1000,
      cpuSecondsConnect: cpuConnect,
      rssBeforeBytes: rssBefore,
      rssConnectedBytes: rssConnected,
      bytesPerConnection: connected.connected ? (rssConnected - rssBefore) / connected.connected : Number.NaN,
      scenarios: results,
      missedDeliveries: Object.values(results).reduce((sum, r) => sum + r.missed, 0),
    }
  }
  finally {
    await loadGenerator.close()
  }
}

async function measurePulse(clients) {
  const target = await startPulseTarget({ outputDir: options.outputDir, clients, cpuProf: options.cpuProf })
  try {
    return await measure(target, clients)
  }
  finally {
    await target.dispose()
  }
}

async function measureFloor(clients) {
  const target = await startFloorTarget({ frameBytes })
  try {
    return await measure(target, clients)
  }
  finally {
    await target.dispose()
  }
}

function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  if (sorted.length === 0)
    return Number.NaN
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Per client count and scenario, the median over runs of each figure and of each run's Pulse/floor ratio. */
function summarizeRuns(runs) {
  const rows = []
  for (const clients of options.clients) {
    const ofCount = runs.filter(r => r.clients === clients)
    for (const name of scenarios) {
      const pick = (side, figure) => ofCount.map(r => figure(r[side].scenarios[name]))
      const within = figure => ofCount.map(r => figure(r.pulse.scenarios[name]) / figure(r.floor.scenarios[name]))
      rows.push({
        clients,
        scenario: name,
        pulseFromSendP50: median(pick('pulse', s => s.fromSendMs.p50)),
        pulseFromSendP99: median(pick('pulse', s => s.fromSendMs.p99)),
        pulseFromSendMax: median(pick('pulse', s => s.fromSendMs.max)),
        pulseFromResponseP99: median(pick('pulse', s => s.fromResponseMs.p99)),
        floorFromSendP50: median(pick('floor', s => s.fromSendMs.p50)),
        floorFromSendP99: median(pick('floor', s => s.fromSendMs.p99)),
        floorFromResponseP99: median(pick('floor', s => s.fromResponseMs.p99)),
        p99FromSendRatio: median(within(s => s.fromSendMs.p99)),
        p99FromSendRatioPerRun: within(s => s.fromSendMs.p99).map(v => round(v)),
        // The event of Pulse that came last, past the floor's own p99 in the same run.
        lateBeyondFloorP99Ms: median(ofCount.map(r => r.pulse.scenarios[name].fromSendMs.max - r.floor.scenarios[name].fromSendMs.p99)),
        pulseCpuMsPerOrder: median(pick('pulse', s => s.cpuMsPerOrder)),
        floorCpuMsPerOrder: median(pick('floor', s => s.cpuMsPerOrder)),
        missed: ofCount.reduce((sum, r) => sum + r.pulse.scenarios[name].missed + r.floor.scenarios[name].missed, 0),
      })
    }
  }
  const memory = options.clients.map((clients) => {
    const ofCount = runs.filter(r => r.clients === clients)
    return {
      clients,
      pulseBytesPerConnection: median(ofCount.map(r => r.pulse.bytesPerConnection)),
      floorBytesPerConnection: median(ofCount.map(r => r.floor.bytesPerConnection)),
      ratio: median(ofCount.map(r => r.pulse.bytesPerConnection / r.floor.bytesPerConnection)),
      pulseConnectSeconds: median(ofCount.map(r => r.pulse.connectSeconds)),
      floorConnectSeconds: median(ofCount.map(r => r.floor.connectSeconds)),
      connected: Math.min(...ofCount.flatMap(r => [r.pulse.connected, r.floor.connected])),
    }
  })
  return { latency: rows, memory }
}

function goals(summary) {
  const list = []
  for (const row of summary.latency) {
    const underLoad = row.scenario !== 'single'
    list.push(goal(`p99 from send ≤ 1.15× the floor, ${row.clients} clients, ${row.scenario}`, round(row.p99FromSendRatio), row.p99FromSendRatio <= 1.15))
    if (underLoad)
      list.push(goal(`no event later than the floor's p99 + 100 ms, ${row.clients} clients, ${row.scenario}`, round(row.lateBeyondFloorP99Ms), row.lateBeyondFloorP99Ms <= 100))
    list.push(goal(`every event to every client, ${row.clients} clients, ${row.scenario}`, row.missed, row.missed === 0))
  }
  for (const row of summary.memory)
    list.push(goal(`memory per connection ≤ 1.25× the floor, ${row.clients} clients`, round(row.ratio), row.ratio <= 1.25))
  return list
}

function print(summary) {
  printTable(`fanout: latency in ms, median of ${options.runs} run(s); "send" = client receipt − POST sent, "response" = client receipt − POST answered`, summary.latency.map(r => ({
    'clients': r.clients,
    'scenario': r.scenario,
    'Pulse send p50': r.pulseFromSendP50,
    'Pulse send p99': r.pulseFromSendP99,
    'Pulse send max': r.pulseFromSendMax,
    'Pulse resp p99': r.pulseFromResponseP99,
    'floor send p50': r.floorFromSendP50,
    'floor send p99': r.floorFromSendP99,
    'floor resp p99': r.floorFromResponseP99,
    'p99 send ratio': r.p99FromSendRatio,
    'max − floor p99': r.lateBeyondFloorP99Ms,
    'CPU/order Pulse': r.pulseCpuMsPerOrder,
    'CPU/order floor': r.floorCpuMsPerOrder,
    'missed': r.missed,
  })))
  printTable('fanout: memory per connection (server RSS after connecting − before, / connections)', summary.memory.map(r => ({
    'clients': r.connected,
    'Pulse KB/conn': r.pulseBytesPerConnection / 1024,
    'floor KB/conn': r.floorBytesPerConnection / 1024,
    'ratio': r.ratio,
    'Pulse connect s': r.pulseConnectSeconds,
    'floor connect s': r.floorConnectSeconds,
  })))
}

async function main() {
  const started = now()
  const runs = []
  for (const clients of options.clients) {
    for (let run = 1; run <= options.runs; run++) {
      // Alternate which side goes first, so that a machine that slows down over a run favours neither.
      // The first run starts with Pulse: the floor needs Pulse's frame size.
      console.log(`\n== ${clients} clients, run ${run}/${options.runs} (${new Date().toISOString()})`)
      const result = { clients, run }
      if (run % 2 === 1) {
        result.pulse = await measurePulse(clients)
        result.floor = await measureFloor(clients)
      }
      else {
        result.floor = await measureFloor(clients)
        result.pulse = await measurePulse(clients)
      }
      runs.push(result)
    }
  }
  const summary = summarizeRuns(runs)
  print(summary)
  writeResults('fanout', {
    out: options.out,
    options,
    results: {
      clock: 'performance.timeOrigin + performance.now() in the poster and in the load generator (same machine)',
      latencyNames: {
        fromSend: 'client receipt − the moment the POST was sent (what the till and the merchant feel)',
        fromResponse: 'client receipt − the moment the POST\'s response arrived (negative when the event beats the answer)',
      },
      frameBytes,
      summary,
      runs,
      seconds: (now() - started) / 1000,
    },
    goals: goals(summary),
    notes: ['Memory: VmRSS of the server process; latency: every client × every order of the scenario.'],
  })
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
