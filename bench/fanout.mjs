import { allocSampler } from './lib/alloc-sampling.mjs'
// fanout: N SSE clients on one store of the production server, held by a separate load-generator
// process, against the floor — bench/baseline-sse-server.mjs (raw node:http) given the same clients, the
// same frame size and the same orders in the same run, in its two modes: `raw` (one write per client per
// event, the floor the goals name) and `joined` (the frames of one event-loop turn in one write per
// client: under a burst the raw floor queues the POSTs behind its writes, so this is the stricter floor). For each client count and run: time to connect
// them all, server memory per connection, then the scenarios (bench/lib/fanout-scenarios.mjs: orders one
// at a time, a steady rate, a burst), each timed per client and order from the POST's send (what a till
// and its merchant feel) and from its response. Figures are the median of `--runs` runs.
// Usage: npm run bench:fanout [-- --clients 2000,10000 --runs 3 --scenarios single,steady,burst --floors raw,joined --memory-samples 4 --trace-gc --alloc-sample --cpu-prof]
import { readOptions } from './lib/args.mjs'
import { now, sleep } from './lib/clock.mjs'
import { runScenario } from './lib/fanout-scenarios.mjs'
import { startFloorTarget, startPulseTarget } from './lib/fanout-targets.mjs'
import { productionNodeFlags } from './lib/node-flags.mjs'
import { cpuSeconds, rssBytes } from './lib/proc.mjs'
import { goal, writeResults } from './lib/results.mjs'
import { startLoadGenerator } from './lib/sse-clients.mjs'
import { median, round } from './lib/stats.mjs'
import { printTable } from './lib/table.mjs'

const options = readOptions({
  'clients': { type: 'list', default: [2000, 10_000], smoke: [20] },
  'runs': { type: 'number', default: 3, smoke: 1 },
  'scenarios': { type: 'string', default: 'single,steady,burst' },
  'floors': { type: 'string', default: 'raw,joined' },
  'orders': { type: 'number', default: 20, smoke: 3 },
  'rate': { type: 'number', default: 20 },
  'seconds': { type: 'number', default: 5, smoke: 0.5 },
  'burst': { type: 'number', default: 200, smoke: 10 },
  'concurrency': { type: 'number', default: 200, smoke: 10 },
  'pause': { type: 'number', default: 250, smoke: 20 },
  'cpu-prof': { type: 'boolean', default: false },
  // Both sides run with --trace-gc-nvp: the bytes allocated while the clients connect, per connection.
  'trace-gc': { type: 'boolean', default: false },
  // Both sides preload bench/lib/alloc-probe.cjs: the bytes allocated while the clients connect, counted
  // by V8's sampling heap profiler over exactly that window, per connection.
  'alloc-sample': { type: 'boolean', default: false },
  // RSS samples after the connect storm, a second apart; memory per connection is taken from the lowest.
  'memory-samples': { type: 'number', default: 4, smoke: 2 },
  // Extra environment for the Pulse server, for A/B runs: `--pulse-env NAME=value,NAME=value`.
  'pulse-env': { type: 'string', default: '' },
})
const scenarios = options.scenarios.split(',').map(s => s.trim()).filter(Boolean)
// Each side of a run: its key in the results, and how to measure it.
const FLOOR_KEYS = { raw: 'floor', joined: 'joinedFloor' }
const floors = options.floors.split(',').map(s => s.trim()).filter(mode => FLOOR_KEYS[mode])
const sides = [{ key: 'pulse', measure: measurePulse }, ...floors.map(mode => ({ key: FLOOR_KEYS[mode], measure: clients => measureFloor(clients, mode) }))]
// Pulse's order_created frame is about this size; the floor is padded to the size Pulse's frames had.
let frameBytes = 350

/**
 * Bytes V8 allocated over the GCs of a `--trace-gc-nvp` log (each line's `allocated=`: since the GC before).
 * What was allocated after the last GC of the window is not counted: at thousands of connects that is at
 * most one young generation (16 MB on production's flags), on both sides alike.
 */
function allocatedBytes(log) {
  let total = 0
  for (const match of log.matchAll(/\ballocated=(\d+)/g)) total += Number(match[1])
  return total
}

/** Connects the clients to one target, measures its memory per connection, then runs the scenarios. */
async function measure(target, clients) {
  const loadGenerator = await startLoadGenerator()
  try {
    await sleep(300)
    const rssBefore = rssBytes(target.pid)
    const cpuStart = cpuSeconds(target.pid)
    const gcLogStart = target.gcLog?.().length ?? 0
    await target.allocSampler?.start()
    const connected = await loadGenerator.connect({ url: target.url, path: target.path, headers: target.headers, clients, concurrency: options.concurrency, record: true, timeoutMs: 120_000 })
    console.log(`[${target.label}] ${connected.connected}/${clients} connected in ${round(connected.ms / 1000)} s ${JSON.stringify(connected.outcomes)}`)
    const sampledBytes = target.allocSampler ? await target.allocSampler.stop() : Number.NaN
    const cpuConnect = cpuSeconds(target.pid) - cpuStart
    const allocated = target.gcLog ? allocatedBytes(target.gcLog().slice(gcLogStart)) : Number.NaN
    // What the streams hold, not the garbage of the storm: the lowest of a few samples a second apart (a
    // scavenge or two in between gives back what the connects left in the young generation).
    const rssSamples = []
    for (let i = 0; i < options.memorySamples; i++) {
      await sleep(1000)
      rssSamples.push(rssBytes(target.pid))
    }
    const rssConnected = Math.min(...rssSamples)
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
      rssSamplesBytes: rssSamples,
      bytesPerConnection: connected.connected ? (rssConnected - rssBefore) / connected.connected : Number.NaN,
      allocatedBytesPerConnect: connected.connected ? allocated / connected.connected : Number.NaN,
      sampledBytesPerConnect: connected.connected ? sampledBytes / connected.connected : Number.NaN,
      scenarios: results,
      missedDeliveries: Object.values(results).reduce((sum, r) => sum + r.missed, 0),
    }
  }
  finally {
    await loadGenerator.close()
  }
}

async function measurePulse(clients) {
  const env = Object.fromEntries(options.pulseEnv.split(',').filter(Boolean).map(pair => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]))
  const target = await startPulseTarget({ outputDir: options.outputDir, clients, cpuProf: options.cpuProf, traceGc: options.traceGc, allocSampler: options.allocSample ? allocSampler() : undefined, env })
  try {
    return await measure(target, clients)
  }
  finally {
    await target.dispose()
  }
}

async function measureFloor(clients, mode) {
  const target = await startFloorTarget({ frameBytes, mode, traceGc: options.traceGc, allocSampler: options.allocSample ? allocSampler() : undefined })
  try {
    return await measure(target, clients)
  }
  finally {
    await target.dispose()
  }
}

/** Per client count and scenario, the median over runs of each figure and of each run's Pulse/floor ratio. */
function summarizeRuns(runs) {
  const counts = [...new Set(runs.map(r => r.clients))]
  const rows = []
  for (const clients of counts) {
    const ofCount = runs.filter(r => r.clients === clients)
    for (const name of scenarios) {
      const row = { clients, scenario: name }
      for (const { key } of sides) {
        const of = figure => median(ofCount.map(r => figure(r[key].scenarios[name])))
        row[key] = {
          fromSendMs: { p50: of(s => s.fromSendMs.p50), p99: of(s => s.fromSendMs.p99), max: of(s => s.fromSendMs.max) },
          fromResponseMs: { p50: of(s => s.fromResponseMs.p50), p99: of(s => s.fromResponseMs.p99), max: of(s => s.fromResponseMs.max) },
          cpuMsPerOrder: of(s => s.cpuMsPerOrder),
          missed: ofCount.reduce((sum, r) => sum + r[key].scenarios[name].missed, 0),
        }
        if (key === 'pulse')
          continue
        const perRun = ofCount.map(r => r.pulse.scenarios[name].fromSendMs.p99 / r[key].scenarios[name].fromSendMs.p99)
        row[key].pulseP99FromSendRatio = median(perRun)
        row[key].pulseP99FromSendRatioPerRun = perRun.map(v => round(v))
        // The event of Pulse that came last, past this floor's own p99 in the same run.
        row[key].pulseLateBeyondP99Ms = median(ofCount.map(r => r.pulse.scenarios[name].fromSendMs.max - r[key].scenarios[name].fromSendMs.p99))
      }
      rows.push(row)
    }
  }
  const memory = counts.map((clients) => {
    const ofCount = runs.filter(r => r.clients === clients)
    const row = { clients, connected: Math.min(...ofCount.flatMap(r => sides.map(({ key }) => r[key].connected))) }
    for (const { key } of sides) {
      row[key] = { bytesPerConnection: median(ofCount.map(r => r[key].bytesPerConnection)), allocatedBytesPerConnect: median(ofCount.map(r => r[key].allocatedBytesPerConnect)), sampledBytesPerConnect: median(ofCount.map(r => r[key].sampledBytesPerConnect)), connectSeconds: median(ofCount.map(r => r[key].connectSeconds)) }
      if (key !== 'pulse') {
        const perRun = ofCount.map(r => r.pulse.bytesPerConnection / r[key].bytesPerConnection)
        row[key].pulseRatio = median(perRun)
        row[key].pulseRatioPerRun = perRun.map(v => round(v))
        row[key].pulseRatioWorst = Math.max(...perRun)
        row[key].pulseAllocationRatio = median(ofCount.map(r => r.pulse.allocatedBytesPerConnect / r[key].allocatedBytesPerConnect))
        const sampledPerRun = ofCount.map(r => r.pulse.sampledBytesPerConnect / r[key].sampledBytesPerConnect)
        row[key].pulseSampledAllocationRatio = median(sampledPerRun)
        row[key].pulseSampledAllocationRatioPerRun = sampledPerRun.map(v => round(v))
      }
    }
    return row
  })
  return { latency: rows, memory }
}

function goals(summary) {
  const list = []
  for (const row of summary.latency) {
    const where = `${row.clients} clients, ${row.scenario}`
    list.push(goal(`every event to every client, ${where}`, row.pulse.missed, row.pulse.missed === 0))
    for (const key of Object.values(FLOOR_KEYS).filter(k => row[k])) {
      const floor = row[key]
      const name = key === 'floor' ? 'the raw floor' : 'the joined floor'
      list.push(goal(`p99 from send ≤ 1.15× ${name}, ${where}`, round(floor.pulseP99FromSendRatio), floor.pulseP99FromSendRatio <= 1.15))
      if (row.scenario !== 'single')
        list.push(goal(`no event later than ${name}'s p99 + 100 ms, ${where}`, round(floor.pulseLateBeyondP99Ms), floor.pulseLateBeyondP99Ms <= 100))
    }
  }
  for (const row of summary.memory) {
    if (row.floor) {
      list.push(goal(`memory per connection ≤ 1.25× the floor in every run, ${row.clients} clients`, `${round(row.floor.pulseRatioWorst)} (runs ${row.floor.pulseRatioPerRun.join(', ')})`, row.floor.pulseRatioWorst <= 1.25))
      // Counted over the connects' window exactly when sampled; from the GCs' sums (edges included) otherwise.
      if (options.allocSample)
        list.push(goal(`allocation per stream connect ≤ 1.5× the floor's (sampled), ${row.clients} clients`, `${round(row.floor.pulseSampledAllocationRatio)} (runs ${row.floor.pulseSampledAllocationRatioPerRun.join(', ')})`, row.floor.pulseSampledAllocationRatio <= 1.5))
      else if (options.traceGc)
        list.push(goal(`allocation per stream connect ≤ 1.5× the floor's, ${row.clients} clients`, round(row.floor.pulseAllocationRatio), row.floor.pulseAllocationRatio <= 1.5))
    }
  }
  return list
}

function print(summary) {
  const columns = (side, prefix) => side
    ? { [`${prefix} send p50`]: side.fromSendMs.p50, [`${prefix} send p99`]: side.fromSendMs.p99, [`${prefix} send max`]: side.fromSendMs.max, [`${prefix} resp p99`]: side.fromResponseMs.p99, [`${prefix} CPU/order`]: side.cpuMsPerOrder }
    : {}
  printTable(`fanout: latency in ms, median of ${options.runs} run(s); "send" = client receipt − POST sent, "resp" = client receipt − POST answered`, summary.latency.map(r => ({
    'clients': r.clients,
    'scenario': r.scenario,
    ...columns(r.pulse, 'Pulse'),
    ...columns(r.floor, 'raw'),
    ...columns(r.joinedFloor, 'joined'),
    'p99 send / raw': r.floor?.pulseP99FromSendRatio,
    'p99 send / joined': r.joinedFloor?.pulseP99FromSendRatio,
    'missed': r.pulse.missed,
  })))
  printTable(`fanout: memory per connection (server RSS after connecting, lowest of ${options.memorySamples} samples a second apart, − before, / connections)`, summary.memory.map(r => ({
    'clients': r.connected,
    'Pulse KB/conn': r.pulse.bytesPerConnection / 1024,
    'raw KB/conn': r.floor?.bytesPerConnection / 1024,
    'joined KB/conn': r.joinedFloor?.bytesPerConnection / 1024,
    'Pulse / raw': r.floor?.pulseRatio,
    'per run': r.floor?.pulseRatioPerRun?.join(' '),
    'Pulse alloc KB/connect': options.traceGc ? r.pulse.allocatedBytesPerConnect / 1024 : undefined,
    'raw alloc KB/connect': options.traceGc ? r.floor?.allocatedBytesPerConnect / 1024 : undefined,
    'Pulse sampled KB/connect': options.allocSample ? r.pulse.sampledBytesPerConnect / 1024 : undefined,
    'raw sampled KB/connect': options.allocSample ? r.floor?.sampledBytesPerConnect / 1024 : undefined,
    'sampled Pulse / raw': options.allocSample ? r.floor?.pulseSampledAllocationRatio : undefined,
    'Pulse connect s': r.pulse.connectSeconds,
    'raw connect s': r.floor?.connectSeconds,
  })))
}

async function main() {
  const started = now()
  const runs = []
  for (const clients of options.clients) {
    for (let run = 1; run <= options.runs; run++) {
      // Alternate which side goes first, so that a machine that slows down over a run favours none.
      // The first run starts with Pulse: the floors need Pulse's frame size.
      console.log(`\n== ${clients} clients, run ${run}/${options.runs} (${new Date().toISOString()})`)
      const result = { clients, run }
      for (const side of run % 2 === 1 ? sides : sides.toReversed()) result[side.key] = await side.measure(clients)
      runs.push(result)
      // Written after every run, so that a long session interrupted keeps the runs it finished.
      write(runs, started)
    }
  }
  print(summarizeRuns(runs))
}

function write(runs, started) {
  const summary = summarizeRuns(runs)
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
    notes: [
      'Memory: VmRSS of the server process; latency: every client × every order of the scenario.',
      `Pulse and the floors run with production's Node flags (npm run serve): ${productionNodeFlags().join(' ') || 'none'}.`,
    ],
  })
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
