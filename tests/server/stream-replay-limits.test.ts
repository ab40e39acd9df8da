import type { Socket } from 'node:net'
import type { Api } from '../helpers/api'
import { connect } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { orderBody, readMetric } from './support/api'
import { connectStream, expectSeqs } from './support/stream'
import { waitUntil } from './support/wait'

const ORDERS = 6
const held: Socket[] = []
const closers: Array<() => void> = []

afterEach(() => {
  for (const socket of held.splice(0)) socket.destroy()
  for (const close of closers.splice(0)) close()
})

/** A store with a few large events (an order of 200 long lines each): its log is more than a stream's buffer. */
async function storeWithLargeLog(serverUrl: string): Promise<Api> {
  const { api } = await registerStore(serverUrl)
  const items = Array.from({ length: 200 }, (_, i) => ({ name: `${i} `.padEnd(190, 'x'), quantity: 1, unitPriceCents: 100 }))
  for (let i = 0; i < ORDERS; i++)
    expect((await api.post('/orders', orderBody({ items }))).status).toBe(201)
  return api
}

/**
 * A replay of the whole log that cannot finish: pipelined behind a live stream that never ends, its
 * response can never be sent, so its replay waits for a drain with the store's replay slot.
 */
async function heldReplay(port: number, api: Api): Promise<void> {
  const socket = connect({ port, host: '127.0.0.1' })
  socket.on('error', () => {})
  socket.resume()
  held.push(socket)
  await new Promise(resolve => socket.once('connect', resolve))
  const head = (query: string) => `GET /api/v1/events/stream${query} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${api.token}\r\n\r\n`
  socket.write(head('') + head('?lastEventId=0'))
}

describeWithServer('replay limits', (ctx) => {
  const metric = (name: string) => readMetric(ctx.server, name)

  it('replays one stream of a store at a time (PULSE_REPLAYS_PER_STORE=1): the next waits, other stores replay', async () => {
    const busy = await storeWithLargeLog(ctx.server.url)
    const other = await storeWithLargeLog(ctx.server.url)
    await heldReplay(ctx.server.port, busy)
    await waitUntil(async () => await metric('pulse_replays_running') === 1, 'the held replay to run')
    // The store's next replay waits for the slot: its stream is open, nothing replayed yet.
    const { client: waiting } = await connectStream(ctx.server, busy.token!, { lastEventId: 0 })
    closers.push(() => waiting.close())
    await waitUntil(async () => await metric('pulse_replays_waiting') === 1, 'the second replay to wait')
    expect(waiting.events()).toEqual([])
    // Another store replays its whole log meanwhile.
    const { client: replayed } = await connectStream(ctx.server, other.token!, { lastEventId: 0 })
    closers.push(() => replayed.close())
    await replayed.waitForEvents(ORDERS, 15_000)
    expectSeqs(replayed.events(), 1, ORDERS)
    expect(await metric('pulse_replays_waiting')).toBe(1)
    expect(waiting.events()).toEqual([])
  })
}, { env: { PULSE_REPLAYS_PER_STORE: '1', PULSE_STREAM_MAX_BUFFER: '65536' } })
