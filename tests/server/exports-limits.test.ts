import type { Socket } from 'node:net'
import type { Api } from '../helpers/api'
import { connect } from 'node:net'
import { expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { waitUntil } from '../helpers/wait'
import { expectApiError, orderBody, readMetric } from './support/api'

const EXPORT = '/exports/orders.csv?range=7d'

/** A store whose orders export (about 40 KB an order) is more than the buffers between it and the socket hold. */
async function storeWithLargeExport(serverUrl: string, orders = 8): Promise<Api> {
  const { api } = await registerStore(serverUrl)
  const items = Array.from({ length: 200 }, (_, i) => ({ name: `${i} `.padEnd(190, 'x'), quantity: 1, unitPriceCents: 100 }))
  for (let i = 0; i < orders; i++)
    expect((await api.post('/orders', orderBody({ items }))).status).toBe(201)
  return api
}

/**
 * An export of `api`'s store that runs until the connection closes: pipelined behind the store's event
 * stream, which never ends, its response can never be sent, so it holds its slot.
 */
async function heldExport(port: number, api: Api): Promise<Socket> {
  const socket = connect({ port, host: '127.0.0.1' })
  socket.on('error', () => {})
  socket.resume()
  await new Promise(resolve => socket.once('connect', resolve))
  const head = (path: string) => `GET /api/v1${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${api.token}\r\n\r\n`
  socket.write(head('/events/stream') + head(EXPORT))
  return socket
}

async function close(socket: Socket): Promise<void> {
  if (socket.closed)
    return
  const closed = new Promise(resolve => socket.once('close', resolve))
  socket.destroy()
  await closed
}

describeWithServer('export limits', (ctx) => {
  it('runs one orders export per store at a time (429 with Retry-After), while other stores are served', async () => {
    const busy = await storeWithLargeExport(ctx.server.url)
    const { api: other } = await registerStore(ctx.server.url)
    const otherOrder = (await other.post('/orders', orderBody())).body
    const held = await heldExport(ctx.server.port, busy)
    try {
      // Barrier: the held export runs.
      await waitUntil(async () => await readMetric(ctx.server, 'pulse_exports_running') === 1, 'the held export to run')
      // It holds the store's slot: the next one is refused until it ends.
      const refused = await busy.get(EXPORT)
      expectApiError(refused, 429, 'too_many_exports')
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
      // Another store reads its orders and exports its own.
      expect((await other.get(`/orders/${otherOrder.id}`)).body.id).toBe(otherOrder.id)
      const otherExport = await other.get(EXPORT)
      expect(otherExport.status).toBe(200)
      expect(otherExport.body).toContain(`${otherOrder.number},`)
      // The store's other reads are not limited.
      expect((await busy.get('/orders?limit=1')).status).toBe(200)
    }
    finally {
      await close(held)
    }
    // The cut-off download gives its slot back.
    await waitUntil(async () => await readMetric(ctx.server, 'pulse_exports_running') === 0, 'the slot to be given back')
    expect((await busy.get(EXPORT)).status).toBe(200)
  })

  it('runs at most PULSE_EXPORTS_PER_INSTANCE exports at once on the instance (503 with Retry-After)', async () => {
    const first = await storeWithLargeExport(ctx.server.url)
    const second = await storeWithLargeExport(ctx.server.url)
    const { api: third } = await registerStore(ctx.server.url)
    const held = [await heldExport(ctx.server.port, first), await heldExport(ctx.server.port, second)]
    try {
      await waitUntil(async () => await readMetric(ctx.server, 'pulse_exports_running') === 2, 'the held exports to run')
      const refused = await third.get(EXPORT)
      expectApiError(refused, 503, 'exports_busy')
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    }
    finally {
      await Promise.all(held.map(close))
    }
    await waitUntil(async () => await readMetric(ctx.server, 'pulse_exports_running') === 0, 'the slots to be given back')
    expect((await third.get(EXPORT)).status).toBe(200)
  })
}, { env: { PULSE_EXPORTS_PER_INSTANCE: '2' } })
