import type { Api } from '../helpers/api'
import { expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { allOrders, lastSeqOf, orderBody } from './support/api'
import { connectStream, eventsAfter, expectSeqs } from './support/stream'

/** Writes orders from two loops until a request fails (the server died); returns the ids it was told were created. */
function writeUntilFailure(api: Api): Promise<string[]> {
  const acknowledged: string[] = []
  const writer = async () => {
    for (;;) {
      try {
        const response = await api.post('/orders', orderBody())
        if (response.status !== 201)
          return
        acknowledged.push(response.body.id)
      }
      catch {
        return
      }
    }
  }
  return Promise.all([writer(), writer()]).then(() => acknowledged)
}

describeWithServer('stream across a server restart', (ctx) => {
  it('after kill -9 during writes, a client resuming with its last id gets exactly the events it missed', async () => {
    const { api } = await registerStore(ctx.server.url)
    const { client: before } = await connectStream(ctx.server, api.token!)
    const writing = writeUntilFailure(api)
    await before.waitForEvents(20, 15_000)
    await ctx.server.stop('SIGKILL')
    const acknowledged = await writing
    await before.waitForEnd(10_000)
    const received = before.events()
    const lastId = Number(received[received.length - 1].id)
    expectSeqs(received, 1, lastId)

    await ctx.server.restart()
    for (let i = 0; i < 3; i++) expect((await api.post('/orders', orderBody({ customerName: `after${i}` }))).status).toBe(201)
    const last = await lastSeqOf(api)
    expect(last).toBeGreaterThanOrEqual(lastId + 3)

    const { client: after } = await connectStream(ctx.server, api.token!, { lastEventId: lastId })
    await after.waitForEvents(last - lastId, 15_000)
    expectSeqs(after.events(), lastId + 1, last)
    after.close()

    // Together: every seq once. Every order, acknowledged or cut off by the kill, has exactly one order_created.
    const all = [...received, ...after.events()]
    expectSeqs(all, 1, last)
    const orders = await allOrders(api)
    expect(all.map(e => e.data.order.id).sort()).toEqual(orders.map(o => o.id).sort())
    expect(orders.map(o => o.id)).toEqual(expect.arrayContaining(acknowledged))
    expect(orders.map(o => o.number).sort()).toEqual(Array.from({ length: orders.length }, (_, i) => 1001 + i))
    // What was pushed before the crash had committed: the log after restart holds exactly those events.
    const log = await eventsAfter(ctx.server, api, 0)
    expect(log.slice(0, lastId).map(e => e.data)).toEqual(received.map(e => e.data))
  }, 60_000)

  it('on SIGTERM closes every stream and exits', async () => {
    const { api } = await registerStore(ctx.server.url)
    const { api: other } = await registerStore(ctx.server.url)
    const streams = await Promise.all([connectStream(ctx.server, api.token!), connectStream(ctx.server, api.token!), connectStream(ctx.server, other.token!)])
    const ids = streams.map(s => s.connected.connectionId)
    const code = await ctx.server.stop('SIGTERM')
    expect(code).toBe(0)
    for (const { client } of streams) {
      await client.waitForEnd(10_000)
      expect(client.ended).toBe(true)
    }
    const log = ctx.server.output()
    for (const id of ids) expect(log).toMatch(new RegExp(`close store=\\S+ conn=${id} duration=\\S+ reason=shutdown`))
    await expect(fetch(`${ctx.server.url}/api/health`)).rejects.toThrow()
  })
})
