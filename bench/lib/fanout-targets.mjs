import { join } from 'node:path'
import { freePort } from './free-port.mjs'
import { createClient, expectStatus } from './http.mjs'
import { productionNodeFlags } from './node-flags.mjs'
import { postOrder, registerStore, sampleOrder } from './pulse-api.mjs'
import { RESULTS_DIR } from './results.mjs'
import { startPulse, streamCaps, waitForHealth } from './server.mjs'
import { spawnNode, terminate } from './spawn.mjs'

// Enough keep-alive sockets for a burst to go out at once, as from that many tills.
const POSTER_SOCKETS = 200

/**
 * What the fanout benchmark drives, Pulse or the raw floor, behind one shape: where its streams are,
 * `publish()` (one order or event; resolves with the seq it created and when the POST was sent and
 * answered), `warm(n)` (opens n poster sockets ahead of a burst) and `dispose()`.
 */

/** The production server on embedded SQLite, one registered store, one order already written. */
export async function startPulseTarget({ outputDir, clients, cpuProf = false, traceGc = false, allocSampler, env = {} }) {
  const profileDir = join(RESULTS_DIR, 'profiles')
  const server = await startPulse({
    outputDir,
    env: { ...streamCaps(clients + 100), ...env, ...allocSampler?.env },
    nodeArgs: [...(cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=fanout-server-${Date.now()}.cpuprofile`] : []), ...(traceGc ? ['--trace-gc-nvp'] : []), ...(allocSampler?.nodeArgs ?? [])],
  })
  allocSampler?.attach(server.pid)
  const poster = createClient(server.url, { sockets: POSTER_SOCKETS })
  try {
    const auth = await registerStore(poster)
    // One order before the clients connect warms the write path and fixes seq − order number: every
    // order after it creates one event, so its number gives its seq even when posts overlap.
    const warmUp = await postOrder(poster, sampleOrder(0))
    const lastSeq = expectStatus(await poster.get('/api/v1/analytics/summary'), 200, 'summary').body.lastSeq
    const seqOffset = lastSeq - warmUp.body.number
    let posted = 0
    return {
      label: 'pulse',
      pid: server.pid,
      url: server.url,
      path: '/api/v1/events/stream',
      headers: { authorization: `Bearer ${auth.token}` },
      async publish() {
        const response = await postOrder(poster, sampleOrder(++posted))
        return { seq: response.body.number + seqOffset, start: response.start, end: response.end }
      },
      warm: n => warmSockets(poster, '/api/health', n),
      gcLog: traceGc ? () => server.output() : undefined,
      allocSampler,
      async dispose() {
        poster.close()
        await server.dispose()
      },
    }
  }
  catch (error) {
    poster.close()
    await server.dispose()
    throw error
  }
}

/**
 * bench/baseline-sse-server.mjs in `mode` raw or joined: the same frame size as Pulse's (`frameBytes`),
 * no auth, no database.
 */
export async function startFloorTarget({ frameBytes, mode = 'raw', traceGc = false, allocSampler }) {
  const port = await freePort()
  const child = spawnNode([...productionNodeFlags(), ...(traceGc ? ['--trace-gc-nvp'] : []), ...(allocSampler?.nodeArgs ?? []), join(import.meta.dirname, '../baseline-sse-server.mjs'), String(port), mode], { stdio: ['ignore', traceGc ? 'pipe' : 'ignore', 'inherit'], env: { ...process.env, ...allocSampler?.env } })
  allocSampler?.attach(child.pid)
  let gcLog = ''
  child.stdout?.setEncoding('latin1').on('data', (text) => {
    gcLog += text
  })
  const url = `http://127.0.0.1:${port}`
  try {
    await waitForHealth(url, child, () => 'baseline server', { path: '/health' })
  }
  catch (error) {
    await terminate(child)
    throw error
  }
  const poster = createClient(url, { sockets: POSTER_SOCKETS })
  // `id: N\nevent: order_created\ndata: <payload>\n\n`, padded to Pulse's frame.
  const overhead = Buffer.byteLength(`id: 1\nevent: order_created\ndata: \n\n`)
  const padding = Math.max(0, frameBytes - overhead - '{"pad":""}'.length)
  const payload = JSON.stringify({ pad: 'x'.repeat(padding) })
  await poster.post('/publish', payload)
  return {
    label: mode === 'raw' ? 'floor' : `${mode} floor`,
    pid: child.pid,
    url,
    path: '/stream',
    headers: {},
    async publish() {
      const response = expectStatus(await poster.post('/publish', payload), 201, 'publish')
      return { seq: response.body.seq, start: response.start, end: response.end }
    },
    warm: n => warmSockets(poster, '/health', n),
    gcLog: traceGc ? () => gcLog : undefined,
    allocSampler,
    async dispose() {
      poster.close()
      await terminate(child)
    },
  }
}

async function warmSockets(client, path, count) {
  await Promise.all(Array.from({ length: count }, () => client.get(path)))
}
