import type { Api } from '../helpers/api'
import type { PlatformApis } from '../server/support/platform-apis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Api as ApiClient, registerStore } from '../helpers/api'
import { WAKE_UP_BUSES } from '../helpers/cluster'
import { useTestCluster } from '../helpers/test-cluster'
import { waitUntil } from '../helpers/wait'
import { allOrders } from '../server/support/api'
import { connect } from '../server/support/connectors'
import { platformEnv, startPlatformApis, stripeCharges, uniqueKey } from '../server/support/platform-apis'
import { connectStream } from '../server/support/stream'

const apis: PlatformApis = await startPlatformApis()
afterAll(() => apis.close())

const now = Math.floor(Date.now() / 1000)
const since = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10)

async function finished(api: Api, id: string): Promise<any> {
  return waitUntil(async () => {
    const state = await api.get(`/connections/${id}/backfill`)
    return state.body.status !== 'running' && state.body
  }, 'the import to finish', 30_000, 100)
}

describe.skipIf(!process.env.TEST_DATABASE_URL).each(WAKE_UP_BUSES)('history import on two instances of one PostgreSQL database (%s)', (bus) => {
  const ctx = useTestCluster(2, { bus, env: platformEnv(apis) })
  let owner: Api
  let token: string
  let onB: Api

  beforeAll(async () => {
    const store = await registerStore(ctx.cluster.instances[0].url)
    owner = store.api
    token = store.auth.token
    onB = new ApiClient(ctx.cluster.instances[1].url, token)
  })

  it('two starts at once on both instances: one runs (202), the other is 409; either instance reports it', async () => {
    const key = uniqueKey('rk_test_')
    apis.serve('stripe', key, stripeCharges(Array.from({ length: 130 }, (_, i) => now - 7200 - i * 600)), { faults: [{ onRequest: 1, status: 429, retryAfter: '1' }] })
    const made = await connect(owner, 'stripe', { apiKey: key })
    const starts = await Promise.all([owner.post(`/connections/${made.id}/backfill`, { since }), onB.post(`/connections/${made.id}/backfill`, { since })])
    expect(starts.map(start => start.status).sort()).toEqual([202, 409])
    expect(starts.find(start => start.status === 409)!.body.error).toBe('backfill_running')
    expect((await onB.get(`/connections/${made.id}/backfill`)).body.status).toBe('running')
    expect((await owner.get(`/connections/${made.id}/backfill`)).body.status).toBe('running')
    expect(await finished(onB, made.id)).toMatchObject({ status: 'done', imported: 130 })
    expect(await allOrders(onB)).toHaveLength(130)
  })

  it('an import run by one instance resets, once, a dashboard streaming from the other', async () => {
    const { api, auth } = await registerStore(ctx.cluster.instances[0].url)
    const key = uniqueKey('rk_test_')
    apis.serve('stripe', key, stripeCharges(Array.from({ length: 20 }, (_, i) => now - 7200 - i * 600)))
    const made = await connect(api, 'stripe', { apiKey: key })
    const { client } = await connectStream(ctx.cluster.instances[1], auth.token)
    try {
      expect((await api.post(`/connections/${made.id}/backfill`, { since })).status).toBe(202)
      expect(await finished(api, made.id)).toMatchObject({ status: 'done', imported: 20 })
      await client.waitFor(messages => messages.some(m => m.event === 'reset'), 10_000, 'reset on the other instance')
      expect(client.messages.filter(m => m.event === 'reset')).toHaveLength(1)
      expect(client.events().filter(e => e.event !== 'reset')).toEqual([])
    }
    finally {
      client.close()
    }
  })
})
