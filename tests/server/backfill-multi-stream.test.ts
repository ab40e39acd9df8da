import type { PlatformApis } from './support/platform-apis'
import { afterAll, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { lastSeqOf, orderBody } from './support/api'
import { connect } from './support/connectors'
import { platformEnv, startPlatformApis, stripeCharges, uniqueKey } from './support/platform-apis'
import { connectStream } from './support/stream'

// The platforms' list APIs run before Pulse starts: its environment points every platform at them.
const apis: PlatformApis = await startPlatformApis()
afterAll(() => apis.close())

const nowSeconds = Math.floor(Date.now() / 1000)

describeWithServer('A history import and a stream over several stores', (ctx) => {
  it('sends one reset for the imported store only, with its storeId; the other store\'s part goes on untouched', async () => {
    const { api, auth } = await registerStore(ctx.server.url, { storeName: 'Shop', currency: 'USD' })
    const shop = auth.store.id
    const stall = (await api.post('/stores', { name: 'Stall', currency: 'USD' })).body.id as string
    const key = uniqueKey('rk_test_')
    apis.serve('stripe', key, stripeCharges([nowSeconds - 7200, nowSeconds - 86_400]))
    const made = await connect(api, 'stripe', { apiKey: key })
    const { client } = await connectStream(ctx.server, auth.token, { query: '?stores=all' })
    try {
      const started = await api.post(`/connections/${made.id}/backfill`, { since: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10) })
      expect(started.status, JSON.stringify(started.body)).toBe(202)
      await client.waitFor(messages => messages.some(m => m.event === 'reset'), 10_000, 'reset')
      const shopSeq = await lastSeqOf(api)

      // A sale in the other store after the import: the stream still carries it, so no late reset hides.
      expect((await api.post('/auth/switch-store', { storeId: stall })).status).toBe(200)
      await api.post('/orders', orderBody({ customerName: 'after-import' }))
      await client.waitFor(() => client.eventsOf('order_created').length > 0, 10_000, 'the stall\'s order')

      const resets = client.messages.filter(m => m.event === 'reset')
      expect(resets.map(m => JSON.parse(m.data))).toEqual([{ storeId: shop, lastSeq: shopSeq }])
      // Its id is the stream's cursor over both stores, as every frame of such a stream.
      expect(resets[0].id).toMatch(/^m2(?:\.[\w-]{6}[0-9a-z]+){2}$/)
      // The imported sales raised no event of their own.
      expect(client.events().map(e => [e.event, e.data.storeId])).toEqual([['order_created', stall]])
    }
    finally {
      client.close()
    }
  })
}, { db: true, env: platformEnv(apis) })
