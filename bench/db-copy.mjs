// db-copy: how long `npm run db:copy` takes to move an embedded store to PostgreSQL, per million orders.
// Registers a store through the API (a real session in kv/), bulk-loads `--orders` orders with items,
// payments and rollups over `--days` days across `--stores` stores (bench/lib/bulk-load.mjs), and an event
// log of `--event-days` days (what PULSE_EVENT_RETENTION keeps), then copies it with the same code as the
// script (server/utils/db-copy/copy-to-postgres.ts) into a fresh database. Afterwards Pulse is started on
// PostgreSQL: the copied session must sign in and every range's summary must equal the SQLite one.
// Usage: npm run bench:db-copy [-- --orders 1000000 --stores 10 --database-url postgres://… --smoke]
import { randomUUID } from 'node:crypto'
import { rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { importServer } from '../scripts/lib/server-modules.mjs'
import { readOptions } from './lib/args.mjs'
import { addStores, loadOrders, openForLoad } from './lib/bulk-load.mjs'
import { createClient, expectStatus } from './lib/http.mjs'
import { withDatabase } from './lib/pg-database.mjs'
import { registerStore } from './lib/pulse-api.mjs'
import { goal, writeResults } from './lib/results.mjs'
import { startPulse, tempDir } from './lib/server.mjs'
import { round } from './lib/stats.mjs'
import { printTable } from './lib/table.mjs'

const options = readOptions({
  'orders': { type: 'number', default: 1_000_000, smoke: 2000 },
  'stores': { type: 'number', default: 10, smoke: 2 },
  'days': { type: 'number', default: 90 },
  'event-days': { type: 'number', default: 7 },
  'batch': { type: 'number', default: 5000 },
  'database-url': { type: 'string', default: process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres' },
})
const RANGES = ['today', '7d', '30d', '90d']
const DAY = 86_400_000

/** Events for the orders of the last `days` days of each store (created, then paid for the paid ones), seqs from 1. */
function addEvents(db, storeIds, days) {
  const since = new Date(Date.now() - days * DAY).toISOString()
  const orders = db.prepare('SELECT id, number, status, total_cents, created_at, updated_at FROM orders WHERE store_id = ? AND created_at >= ? ORDER BY created_at')
  const insert = db.prepare('INSERT INTO events (store_id, seq, type, payload, created_at) VALUES (?, ?, ?, ?, ?)')
  const setSeq = db.prepare('UPDATE stores SET last_seq = ? WHERE id = ?')
  let count = 0
  db.transaction(() => {
    for (const storeId of storeIds) {
      let seq = 0
      for (const order of orders.all(storeId, since)) {
        const body = { id: order.id, number: order.number, status: 'pending', totalCents: order.total_cents, currency: 'USD', createdAt: order.created_at }
        insert.run(storeId, ++seq, 'order_created', JSON.stringify({ seq, order: body }), order.created_at)
        if (order.status !== 'pending' && order.status !== 'cancelled')
          insert.run(storeId, ++seq, 'payment_received', JSON.stringify({ seq, payment: { id: randomUUID(), orderId: order.id, amountCents: order.total_cents, method: 'card', createdAt: order.updated_at }, order: { ...body, status: 'paid' } }), order.updated_at)
      }
      setSeq.run(seq, storeId)
      count += seq
    }
  })()
  return count
}

async function summaries(url, token) {
  const client = createClient(url, { sockets: 1, token })
  try {
    const figures = {}
    for (const range of RANGES) figures[range] = expectStatus(await client.get(`/api/v1/analytics/summary?range=${range}`), 200, `summary ${range}`).body
    return figures
  }
  finally {
    client.close()
  }
}

async function main() {
  const dataDir = tempDir('db-copy')
  try {
    await measure(dataDir)
  }
  finally {
    // Every server above kept the data (keepData) so that the next could open it: remove it once, here.
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(`${dataDir}.log`, { force: true })
  }
}

async function measure(dataDir) {
  const first = await startPulse({ outputDir: options.outputDir, dataDir, keepData: true })
  const setup = createClient(first.url, { sockets: 1 })
  const auth = await registerStore(setup)
  setup.close()
  await first.stop()

  const load = openForLoad(join(dataDir, 'pulse.sqlite'))
  const storeIds = [auth.store.id, ...addStores(load.db, options.stores - 1)]
  console.log(`loading ${options.orders} orders into ${options.stores} stores…`)
  const loaded = loadOrders(load.db, { storeIds, count: options.orders, days: options.days })
  const events = addEvents(load.db, storeIds, options.eventDays)
  load.close()
  const sqliteBytes = statSync(join(dataDir, 'pulse.sqlite')).size
  console.log(`loaded ${loaded.orders} orders, ${loaded.items} items, ${loaded.payments} payments, ${loaded.rollupRows} rollup rows, ${events} events in ${round(loaded.seconds)} s (${round(sqliteBytes / 1e6)} MB)`)

  // The figures on SQLite, read by Pulse itself.
  const embedded = await startPulse({ outputDir: options.outputDir, dataDir, keepData: true })
  const before = await summaries(embedded.url, auth.token)
  await embedded.stop()

  const { copyToPostgres } = await importServer('utils/db-copy/copy-to-postgres.ts')
  const outcome = await withDatabase(options.databaseUrl, async (url) => {
    const cpuBefore = process.cpuUsage()
    const report = await copyToPostgres({ sqliteFile: join(dataDir, 'pulse.sqlite'), kvDir: join(dataDir, 'kv'), targetUrl: url, batchSize: options.batch, log: line => console.log(line) })
    // This process's CPU while copying (reading SQLite, building the batches): the rest of the wall time is PostgreSQL's.
    const cpu = process.cpuUsage(cpuBefore)
    const moved = await startPulse({ outputDir: options.outputDir, env: { DATABASE_URL: url } })
    try {
      const after = await summaries(moved.url, auth.token)
      return { report, cpu, sameFigures: JSON.stringify(after) === JSON.stringify(before) }
    }
    finally {
      await moved.dispose()
    }
  })

  const { report, cpu, sameFigures } = outcome
  const cpuSeconds = round((cpu.user + cpu.system) / 1e6)
  const rows = report.tables.reduce((sum, table) => sum + table.rows, 0)
  const seconds = report.ms / 1000
  const perMillionOrders = seconds / (options.orders / 1_000_000)
  printTable('copied tables', report.tables.filter(table => table.rows > 0).map(table => ({ table: table.table, rows: table.rows, ms: table.ms, rowsPerSecond: table.ms ? Math.round(table.rows / (table.ms / 1000)) : null })))
  console.log(`\ncopied ${rows} rows (${options.orders} orders) in ${round(seconds)} s (${cpuSeconds} s of CPU in this process): ${round(perMillionOrders)} s per million orders; every table the same on both sides: ${report.comparisons.every(row => row.same)}; same figures after the move: ${sameFigures}`)

  writeResults('db-copy', {
    out: options.out,
    options,
    results: {
      load: { ...loaded, events, sqliteBytes },
      copy: { seconds: round(seconds), copierCpuSeconds: cpuSeconds, rows, rowsPerSecond: Math.round(rows / seconds), secondsPerMillionOrders: round(perMillionOrders), tables: report.tables, sessions: report.kv },
      allTablesSame: report.comparisons.every(row => row.same),
      sameFigures,
    },
    goals: [
      goal('every table has the same counts and sums on both sides', `${report.comparisons.filter(row => row.same).length}/${report.comparisons.length}`, report.comparisons.every(row => row.same)),
      goal('the same figures for every range after the move, with the copied session', sameFigures, sameFigures),
    ],
    notes: ['Time is the copy alone (migrating, copying, comparing), not loading Node and the TypeScript sources (about 2 s for the script).'],
  })
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
