import { rmSync } from 'node:fs'
// exports: one store's orders exports against another store's reads. Bulk-loads `--orders` orders into
// one store (SQLite, straight SQL), then times another store's GET /api/v1/orders/:id, `--samples`
// sequential requests, first quiet and then while `--exports` clients of the first store download its
// orders CSV over and over (retrying at once on 429, as a careless integration would). Prints the loaded
// p99 against the quiet p99 of the same run, and how many exports ran and were refused.
// Usage: npm run bench:exports [-- --orders 20000 --exports 5 --samples 400 --smoke]
import { join } from 'node:path'
import { readOptions } from './lib/args.mjs'
import { loadOrders, openForLoad } from './lib/bulk-load.mjs'
import { createClient, expectStatus } from './lib/http.mjs'
import { postOrder, registerStore } from './lib/pulse-api.mjs'
import { goal, writeResults } from './lib/results.mjs'
import { startPulse, tempDir } from './lib/server.mjs'
import { ratio, round, summarize } from './lib/stats.mjs'
import { printTable } from './lib/table.mjs'

const options = readOptions({
  orders: { type: 'number', default: 20_000, smoke: 500 },
  exports: { type: 'number', default: 5, smoke: 2 },
  samples: { type: 'number', default: 400, smoke: 30 },
  warmup: { type: 'number', default: 200, smoke: 5 },
})

/** `samples` sequential reads of one order by the other store: their latencies in ms. */
async function timeReads(client, orderId, samples) {
  const latencies = []
  for (let i = 0; i < samples; i++) {
    const response = expectStatus(await client.get(`/api/v1/orders/${orderId}`), 200, 'GET /orders/:id')
    latencies.push(response.ms)
  }
  return summarize(latencies)
}

/** A client of the busy store downloading its orders CSV until `stop()`; counts what it got. */
function exportLoop(url, token) {
  const client = createClient(url, { sockets: 1, token })
  const counts = { completed: 0, refused: 0, bytes: 0 }
  const state = { running: true }
  const done = (async () => {
    while (state.running) {
      const response = await client.get('/api/v1/exports/orders.csv?range=90d')
      if (response.status === 200) {
        counts.completed++
        counts.bytes += response.bytes
      }
      else if (response.status === 429 || response.status === 503) {
        counts.refused++
        // Retry-After says 10 s; a careless client comes back at once (a short pause not to spin).
        await new Promise(resolve => setTimeout(resolve, 20))
      }
      else {
        throw new Error(`orders.csv: ${response.status} ${JSON.stringify(response.body)}`)
      }
    }
  })()
  return { counts, async stop() {
    state.running = false
    await done
    client.close()
  } }
}

async function main() {
  const dataDir = tempDir('exports')
  try {
    const first = await startPulse({ outputDir: options.outputDir, dataDir, keepData: true })
    const setup = createClient(first.url, { sockets: 1 })
    const busy = await registerStore(setup)
    const other = await registerStore(setup)
    const order = (await postOrder(setup)).body
    setup.close()
    await first.stop()
    const load = openForLoad(join(dataDir, 'pulse.sqlite'))
    console.log(`[exports] loading ${options.orders} orders into one store…`)
    loadOrders(load.db, { storeIds: [busy.store.id], count: options.orders, days: 80, seed: 7 })
    load.close()
    const server = await startPulse({ outputDir: options.outputDir, dataDir, keepData: true })
    try {
      const reader = createClient(server.url, { sockets: 1, token: other.token })
      await timeReads(reader, order.id, options.warmup)
      const quiet = await timeReads(reader, order.id, options.samples)
      const loops = Array.from({ length: options.exports }, () => exportLoop(server.url, busy.token))
      // Let the exports start before measuring.
      await new Promise(resolve => setTimeout(resolve, 200))
      const loaded = await timeReads(reader, order.id, options.samples)
      await Promise.all(loops.map(loop => loop.stop()))
      reader.close()
      const completed = loops.reduce((sum, loop) => sum + loop.counts.completed, 0)
      const refused = loops.reduce((sum, loop) => sum + loop.counts.refused, 0)
      const p99Ratio = ratio(loaded.p99, quiet.p99)
      printTable(`exports: another store's GET /orders/:id while ${options.exports} clients export ${options.orders} orders`, [
        { phase: 'quiet', p50: quiet.p50, p99: quiet.p99, max: quiet.max },
        { phase: 'exports running', p50: loaded.p50, p99: loaded.p99, max: loaded.max },
      ])
      console.log(`\np99 while exporting / quiet p99: ${round(p99Ratio)}× (exports completed ${completed}, refused ${refused})`)
      writeResults('exports', {
        out: options.out,
        options,
        results: { quiet, loaded, p99Ratio, exports: { completed, refused } },
        goals: [goal('another store\'s p99 while exports run ≤ 10× its quiet p99', round(p99Ratio), p99Ratio !== null && p99Ratio <= 10)],
        notes: ['SQLite, one instance. Reads are sequential on one keep-alive connection; the exporters retry a refused export after 20 ms.'],
      })
    }
    finally {
      await server.stop()
    }
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
