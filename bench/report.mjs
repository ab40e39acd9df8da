// Prints the results in bench/results/*.json as Markdown tables (for docs/performance.md).
// Usage: node bench/report.mjs [fanout analytics ingest e2e page]
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { RESULTS_DIR } from './lib/results.mjs'

const names = process.argv.length > 2 ? process.argv.slice(2) : ['fanout', 'analytics', 'ingest', 'e2e', 'page']
const KB = 1024
const MB = 1024 * 1024

function show(value) {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value)))
    return '–'
  if (typeof value === 'boolean')
    return value ? 'yes' : 'no'
  if (typeof value === 'number')
    return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 })
  return String(value)
}

function table(rows) {
  const columns = Object.keys(rows[0])
  return [`| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`, ...rows.map(r => `| ${columns.map(c => show(r[c])).join(' | ')} |`)].join('\n')
}

function header(doc) {
  return `Run ${doc.date.slice(0, 16).replace('T', ' ')} UTC on ${doc.machine.nproc} × ${doc.machine.cpu} (Node ${doc.machine.node}): \`${doc.command}\``
}

function goals(doc) {
  return table(doc.goals.map(g => ({ goal: g.goal, measured: g.measured, met: g.met === null ? 'n/a' : g.met ? 'met' : '**missed**' })))
}

const render = {
  fanout(doc) {
    const { summary, frameBytes, latencyNames } = doc.results
    const pair = side => side ? `${show(side.fromSendMs.p99)} / ${show(side.fromResponseMs.p99)}` : '–'
    const latency = table(summary.latency.map(r => ({ 'clients': r.clients, 'scenario': r.scenario, 'Pulse p50 from send': r.pulse.fromSendMs.p50, 'Pulse p99 from send / from response': pair(r.pulse), 'Pulse max from send': r.pulse.fromSendMs.max, 'raw floor p99 from send / from response': pair(r.floor), 'joined floor p99 from send / from response': pair(r.joinedFloor), 'p99 from send, Pulse / raw floor': r.floor?.pulseP99FromSendRatio, 'per run': r.floor?.pulseP99FromSendRatioPerRun.join(', '), 'Pulse / joined floor': r.joinedFloor?.pulseP99FromSendRatio, 'Pulse max − raw floor p99': r.floor?.pulseLateBeyondP99Ms, 'CPU per order, Pulse / raw floor (ms)': `${show(r.pulse.cpuMsPerOrder)} / ${show(r.floor?.cpuMsPerOrder)}`, 'missed': r.pulse.missed })))
    const memory = table(summary.memory.map(r => ({ 'clients': r.connected, 'Pulse KB/connection': r.pulse.bytesPerConnection / KB, 'raw floor KB/connection': r.floor?.bytesPerConnection / KB, 'Pulse / raw floor': r.floor?.pulseRatio, 'connect all, Pulse (s)': r.pulse.connectSeconds, 'raw floor (s)': r.floor?.connectSeconds })))
    return `Latency in ms, median of ${doc.options.runs} run(s) (ratios: the median of each run's own ratio). From send: ${latencyNames.fromSend}. From response: ${latencyNames.fromResponse}. Frame size ${frameBytes} B.\n\n${latency}\n\n${memory}`
  },
  analytics(doc) {
    const rows = doc.results.stages.flatMap(s => s.rows.map(r => ({ 'orders': s.size, 'range': r.range, 'store orders': r.orderCount, 'summary p50': r.summary.p50, 'summary p95': r.summary.p95, 'timeseries p50': r.timeseries.p50, 'timeseries p95': r.timeseries.p95, 'naive summary p50': r.naiveSummary.p50, 'naive summary p95': r.naiveSummary.p95, 'naive timeseries p50': r.naiveTimeseries.p50, 'naive / API (p50)': r.naiveSummary.p50 / r.summary.p50, 'rollup SQL in process p50': r.rollupInProcess.p50, 'naive / rollup SQL': r.naiveSummary.p50 / r.rollupInProcess.p50, 'same figures': r.matches })))
    const loads = doc.results.stages.map(s => ({ 'orders': s.size, 'load (s)': s.load.seconds, 'orders/s': Math.round(s.load.orders / s.load.seconds), 'DB (MB)': s.databaseBytes / MB, 'GET /api/health p50 (ms)': s.health.p50, 'p95 (ms)': s.health.p95 }))
    return `Times in ms.\n\n${table(rows)}\n\n${table(loads)}`
  },
  ingest(doc) {
    const { orders, health, rawBroadcaster: raw, delivery } = doc.results
    const row = (name, r) => ({ 'loop': name, 'requests': r.count, 'seconds': r.seconds, 'per second': r.perSecond, 'p50 (ms)': r.latencyMs.p50, 'p99 (ms)': r.latencyMs.p99, 'max (ms)': r.latencyMs.max })
    const rows = [row('POST /api/v1/orders', orders), row('GET /api/health (HTTP floor)', health), { 'loop': 'orders / health', 'requests': '', 'seconds': '', 'per second': orders.perSecond / health.perSecond, 'p50 (ms)': orders.latencyMs.p50 / health.latencyMs.p50, 'p99 (ms)': orders.latencyMs.p99 / health.latencyMs.p99, 'max (ms)': '' }]
    if (raw)
      rows.push(row(`raw SSE broadcaster, same clients`, raw), { 'loop': 'orders / raw broadcaster', 'requests': '', 'seconds': '', 'per second': orders.perSecond / raw.perSecond, 'p50 (ms)': orders.latencyMs.p50 / raw.latencyMs.p50, 'p99 (ms)': orders.latencyMs.p99 / raw.latencyMs.p99, 'max (ms)': '' })
    return `${table(rows)}\n\n${table([{ 'stream clients': delivery.connected, 'events each': delivery.eventsExpectedPerClient, 'clients with every event': delivery.clientsWithEveryEvent, 'with gaps': delivery.clientsWithGaps, 'with duplicates': delivery.clientsWithDuplicates, 'closed early': delivery.closedEarly, 'all got all': delivery.everyClientGotEveryEvent }])}`
  },
  e2e(doc) {
    const r = doc.results
    return `${table([{ 'orders': doc.options.orders, 'interval (ms)': doc.options.interval, 'seen': r.latencies.length, 'p50 (ms)': r.latencyMs.p50, 'p95 (ms)': r.latencyMs.p95, 'max (ms)': r.latencyMs.max, 'min (ms)': r.latencyMs.min, 'clock offset (ms)': r.clockOffsetMs, '± (ms)': r.clockUncertaintyMs }])}\n\n${table([{ 'idle (s)': r.idle.seconds, 'requests besides the stream': r.idle.requestsBesidesStream, 'service-worker requests': r.idle.serviceWorkerRequests, 'stream reconnects': r.idle.streamRequests, 'bytes received': r.idle.bytesReceived, 'of which stream': r.idle.streamBytes, 'badge at end': r.idle.badgeAtEnd }])}`
  },
  page(doc) {
    return table(doc.results.pages.map(p => ({ 'page': p.name, 'performance': p.scores.performance, 'accessibility': p.scores.accessibility, 'best practices': p.scores['best-practices'], 'runs (perf/a11y/bp)': p.scoresPerRun.map(s => `${s.performance}/${s.accessibility}/${s['best-practices']}`).join(', '), 'FCP (ms)': p.metrics.fcpMs, 'LCP (ms)': p.metrics.lcpMs, 'TBT (ms)': p.metrics.tbtMs, 'JS files': p.js.files, 'JS gzip (KB)': p.js.gzipBytes / KB, 'JS raw (KB)': p.js.bytes / KB, 'JS as sent (KB)': p.js.transferBytes / KB, 'CSS gzip (KB)': p.css.gzipBytes / KB, 'benchmarkIndex': p.benchmarkIndex })))
  },
}

for (const name of names) {
  const file = join(RESULTS_DIR, `${name}.json`)
  if (!existsSync(file)) {
    console.log(`### ${name}\n\n(no results: run npm run bench:${name})\n`)
    continue
  }
  const doc = JSON.parse(readFileSync(file, 'utf8'))
  console.log(`### ${name}\n\n${header(doc)}\n\n${render[name](doc)}\n\nGoals:\n\n${goals(doc)}\n`)
}
