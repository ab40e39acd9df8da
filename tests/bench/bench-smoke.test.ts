import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { exited, spawnNode } from '../../bench/lib/spawn.mjs'

// Each benchmark in smoke mode (tiny sizes, a few seconds) so that the benchmarks never rot: it must
// exit 0 and write its results JSON with the expected keys. Figures are not checked (benchmarks report).
const ROOT = resolve(import.meta.dirname, '../..')
const OUT = mkdtempSync(join(tmpdir(), 'pulse-bench-smoke-'))
const HAS_CHROMIUM = existsSync(process.env.CHROME_PATH || '/usr/bin/chromium')

afterAll(() => rmSync(OUT, { recursive: true, force: true }))

async function runBenchmark(name: string, args: string[] = []): Promise<{ code: number | null, output: string, results: any }> {
  const out = join(OUT, `${name}.json`)
  const child = spawnNode([join(ROOT, 'bench', `${name}.mjs`), '--smoke', '--out', out, ...args], { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const append = (chunk: Buffer) => {
    output += chunk
  }
  child.stdout!.on('data', append)
  child.stderr!.on('data', append)
  const code = await exited(child)
  const results = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : null
  return { code, output, results }
}

function expectReport(run: { code: number | null, output: string, results: any }, name: string): any {
  expect(run.code, run.output).toBe(0)
  expect(run.results, run.output).toMatchObject({ benchmark: name, machine: { nproc: expect.any(Number), cpu: expect.any(String) }, command: expect.any(String) })
  expect(Array.isArray(run.results.goals)).toBe(true)
  for (const goal of run.results.goals) expect(goal).toHaveProperty('met')
  return run.results.results
}

describe('benchmarks in smoke mode', () => {
  it('fanout: Pulse and the raw node:http floor, latency from the send and from the response per scenario, memory and CPU', async () => {
    const results = expectReport(await runBenchmark('fanout'), 'fanout')
    expect(results.runs.length).toBeGreaterThan(0)
    for (const run of results.runs) {
      for (const side of [run.pulse, run.floor, run.joinedFloor]) {
        expect(side.connected).toBe(side.clients)
        expect(side).toHaveProperty('bytesPerConnection')
        expect(Object.keys(side.scenarios)).toEqual(['single', 'steady', 'burst'])
        for (const scenario of Object.values<any>(side.scenarios)) {
          expect(scenario.fromSendMs).toHaveProperty('p99')
          expect(scenario.fromResponseMs).toHaveProperty('p99')
          expect(scenario).toHaveProperty('cpuMsPerOrder')
          expect(scenario.missed).toBe(0)
        }
      }
    }
    for (const row of results.summary.latency) expect(row.floor).toHaveProperty('pulseP99FromSendRatio')
    for (const row of results.summary.memory) expect(row.floor).toHaveProperty('pulseRatio')
  }, 60_000)

  it('locations: every store\'s figures against one store\'s summary, and a stream over every store replaying a missed hour', async () => {
    const results = expectReport(await runBenchmark('locations'), 'locations')
    expect(results.matches).toBe(true)
    for (const row of results.rows) {
      expect(row.locations).toHaveProperty('p95')
      expect(row.summary).toHaveProperty('p95')
    }
    expect(results.stream.multi).toHaveProperty('p50')
    expect(results.stream.single).toHaveProperty('p50')
  }, 120_000)

  it('analytics: API vs naive query at each size, with the same figures', async () => {
    const results = expectReport(await runBenchmark('analytics'), 'analytics')
    expect(results.stages.length).toBeGreaterThan(0)
    for (const stage of results.stages) {
      expect(stage.load).toHaveProperty('orders')
      for (const row of stage.rows) {
        expect(row.summary).toHaveProperty('p95')
        expect(row.timeseries).toHaveProperty('p95')
        expect(row.naiveSummary).toHaveProperty('p50')
        expect(row.matches).toBe(true)
      }
    }
  }, 60_000)

  it('exports: another store\'s p99 while one store exports, against its quiet p99', async () => {
    const results = expectReport(await runBenchmark('exports'), 'exports')
    expect(results.quiet).toHaveProperty('p99')
    expect(results.loaded).toHaveProperty('p99')
    expect(results).toHaveProperty('p99Ratio')
    expect(results.exports.completed).toBeGreaterThan(0)
  }, 60_000)

  it('ingest: orders per second, the /api/health floor, and every event to every client', async () => {
    const results = expectReport(await runBenchmark('ingest'), 'ingest')
    expect(results.orders).toHaveProperty('perSecond')
    expect(results.health).toHaveProperty('perSecond')
    expect(results.orders.latencyMs).toHaveProperty('p99')
    expect(results.delivery.everyClientGotEveryEvent).toBe(true)
  }, 60_000)

  it('webhooks: signed deliveries of the four platforms vs POST /orders of the same sales, each applied once, every event to every client', async () => {
    const results = expectReport(await runBenchmark('webhooks'), 'webhooks')
    expect(results.webhooks).toHaveProperty('perSecond')
    expect(results.orders).toHaveProperty('perSecond')
    expect(results.webhooks.latencyMs).toHaveProperty('p99')
    expect(results.ratios).toHaveProperty('throughput')
    expect(results.appliedOnce).toBe(true)
    expect(results.delivery.everyClientGotEveryEvent).toBe(true)
  }, 60_000)

  it.skipIf(!process.env.TEST_DATABASE_URL)('notify-cost: commits/s with and without pg_notify, wake-ups per instance on NOTIFY and NATS', async () => {
    const results = expectReport(await runBenchmark('notify-cost', ['--database-url', process.env.TEST_DATABASE_URL!]), 'notify-cost')
    for (const row of results.commits.rows) {
      expect(row.withoutNotify).toBeGreaterThan(0)
      expect(row.withNotify).toBeGreaterThan(0)
    }
    for (const wakeUps of results.wakeUps) {
      for (const instance of wakeUps.perInstance) {
        expect(instance.notifyWakeUps).toBe(wakeUps.commits)
        if (wakeUps.nats)
          expect(instance.natsWakeUps).toBe(instance.notifyWakeUpsForStreamedStores)
      }
    }
  }, 60_000)

  it.skipIf(!process.env.TEST_DATABASE_URL)('db-copy: a bulk-loaded store copied to PostgreSQL, every table the same, the same figures after the move', async () => {
    const results = expectReport(await runBenchmark('db-copy', ['--database-url', process.env.TEST_DATABASE_URL!]), 'db-copy')
    expect(results.copy).toHaveProperty('secondsPerMillionOrders')
    expect(results.copy.tables.find((table: any) => table.table === 'orders').rows).toBe(results.load.orders)
    expect(results.copy.sessions.copied).toBeGreaterThan(0)
    expect(results.allTablesSame).toBe(true)
    expect(results.sameFigures).toBe(true)
  }, 90_000)

  it.skipIf(!HAS_CHROMIUM)('e2e: POST → DOM latency in Chromium and the idle window', async () => {
    const results = expectReport(await runBenchmark('e2e'), 'e2e')
    expect(results.latencyMs).toHaveProperty('p95')
    expect(results.idle).toHaveProperty('requestsBesidesStream')
    expect(results.idle).toHaveProperty('bytesReceived')
  }, 90_000)

  it.skipIf(!HAS_CHROMIUM)('page: Lighthouse scores and first-load gzip sizes', async () => {
    const results = expectReport(await runBenchmark('page'), 'page')
    expect(results.pages.length).toBeGreaterThan(0)
    for (const page of results.pages) {
      expect(page.scores).toHaveProperty('performance')
      expect(page.scores).toHaveProperty('accessibility')
      expect(page.scores).toHaveProperty('best-practices')
      expect(page.js).toHaveProperty('gzipBytes')
    }
  }, 120_000)
})
