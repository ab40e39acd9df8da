import type { Api } from '../helpers/api'
import { expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { waitUntil } from '../helpers/wait'
import { orderBody, readMetric } from './support/api'
import { connectStream, expectSeqs } from './support/stream'

const ORDERS = 6
const STREAMS = 8

/** A store with a few large events (an order of 200 long lines each). */
async function storeWithLargeLog(serverUrl: string): Promise<Api> {
  const { api } = await registerStore(serverUrl)
  const items = Array.from({ length: 200 }, (_, i) => ({ name: `${i} `.padEnd(190, 'x'), quantity: 1, unitPriceCents: 100 }))
  for (let i = 0; i < ORDERS; i++)
    expect((await api.post('/orders', orderBody({ items }))).status).toBe(201)
  return api
}

/** `STREAMS` streams of the store opened at once, each replaying the whole log; resolves once all have it. */
async function replayAtOnce(server: Parameters<typeof connectStream>[0], api: Api): Promise<void> {
  const streams = await Promise.all(Array.from({ length: STREAMS }, () => connectStream(server, api.token!, { lastEventId: 0 })))
  try {
    for (const { client } of streams) {
      await client.waitForEvents(ORDERS, 15_000)
      expectSeqs(client.events(), 1, ORDERS)
    }
  }
  finally {
    for (const { client } of streams) client.close()
  }
}

describeWithServer('replay limits', (ctx) => {
  const metric = (name: string) => readMetric(ctx.server, name)

  it('replays a store\'s streams one at a time (PULSE_REPLAYS_PER_STORE=1): the others wait their turn and get every event', async () => {
    const busy = await storeWithLargeLog(ctx.server.url)
    const before = await metric('pulse_replays_waited_total')
    // Streams opened together meet a running replay of their store: they wait for its slot.
    await waitUntil(async () => {
      await replayAtOnce(ctx.server, busy)
      return await metric('pulse_replays_waited_total') > before
    }, 'a replay to wait for the store\'s slot', 60_000)
    await waitUntil(async () => await metric('pulse_replays_running') === 0 && await metric('pulse_replays_waiting') === 0, 'every replay to be done')
  }, 90_000)
  // One session opens all the streams: the per-session and per-person stream limits are lifted above them.
}, { env: { PULSE_REPLAYS_PER_STORE: '1', PULSE_STREAM_MAX_PER_SESSION: String(STREAMS), PULSE_STREAM_MAX_PER_PRINCIPAL: String(STREAMS) } })
