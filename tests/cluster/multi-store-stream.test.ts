import type { SseClient as Client } from '../helpers/sse-client'
import { beforeAll, describe, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { WAKE_UP_BUSES } from '../helpers/cluster'
import { SseClient } from '../helpers/sse-client'
import { useTestCluster } from '../helpers/test-cluster'
import { orderBody } from '../server/support/api'
import { del } from '../server/support/team'

// Heartbeats far longer than the test waits: only the bus can carry the access changes in time.
const HEARTBEAT_MS = 60_000

async function openAll(base: string, token: string, lastEventId?: string): Promise<Client> {
  const client = await SseClient.connect(`${base}/api/v1/events/stream?stores=all`, { token, lastEventId })
  expect(client.status).toBe(200)
  await client.waitFor(m => m.some(x => x.event === 'connected'))
  return client
}

function orderNames(client: Client): string[] {
  return client.eventsOf('order_created').map(e => e.data.order.customerName)
}

describe.skipIf(!process.env.TEST_DATABASE_URL).each(WAKE_UP_BUSES)('one stream over several stores across instances, through %s', (bus) => {
  const ctx = useTestCluster(2, { redis: true, bus, env: { PULSE_HEARTBEAT_MS: String(HEARTBEAT_MS) } })
  const a = () => ctx.cluster.instances[0]
  const b = () => ctx.cluster.instances[1]
  let person: Api
  let personId: string
  let stallOnA: Api
  let franchisorOnB: Api
  let franchiseId: string

  beforeAll(async () => {
    const registered = await registerStore(a().url)
    person = registered.api
    personId = registered.auth.user.id
    const stallId = (await person.post('/stores', { name: 'Stall', currency: 'EUR' })).body.id
    const email = registered.auth.user.email
    stallOnA = new Api(a().url, (await new Api(a().url).post('/auth/login', { email, password: 'correct horse' })).body.token)
    expect((await stallOnA.post('/auth/switch-store', { storeId: stallId })).status).toBe(200)
    const franchise = await registerStore(b().url)
    franchisorOnB = franchise.api
    franchiseId = franchise.auth.store.id
  })

  it('events written on A reach a stream on B; it resumes on A from its cursor; a store joined and left on A enters and leaves it on B', async () => {
    const stream = await openAll(b().url, person.token!)
    await new Api(a().url, person.token).post('/orders', orderBody({ customerName: 'home-1' }))
    await stallOnA.post('/orders', orderBody({ customerName: 'stall-1' }))
    await stream.waitFor(() => orderNames(stream).length === 2, 10_000, 'two orders')
    expect(orderNames(stream).sort()).toEqual(['home-1', 'stall-1'])
    const lastId = stream.messages.at(-1)!.id!
    stream.close()

    // Missed in both stores, then resumed on the other instance.
    await stallOnA.post('/orders', orderBody({ customerName: 'stall-2' }))
    await new Api(b().url, person.token).post('/orders', orderBody({ customerName: 'home-2' }))
    const resumed = await openAll(a().url, person.token!, lastId)
    await resumed.waitFor(() => orderNames(resumed).length === 2, 10_000, 'the missed orders')
    expect(orderNames(resumed).sort()).toEqual(['home-2', 'stall-2'])
    expect(resumed.messages.some(m => m.event === 'reset')).toBe(false)

    // The franchise's owner, on B, invites the person; they accept on B: the stream on A takes the store in.
    const invitation = await franchisorOnB.post('/team/invitations', { role: 'manager' })
    expect((await new Api(b().url, person.token).post('/auth/accept-invitation', { token: invitation.body.token })).status).toBe(201)
    await resumed.waitFor(m => m.some(x => x.event === 'store_added'), 5000, 'store_added on A')
    await franchisorOnB.post('/orders', orderBody({ customerName: 'franchise-1' }))
    await resumed.waitFor(() => orderNames(resumed).includes('franchise-1'), 10_000, 'the franchise order')

    // Removed on B: that store's part of the stream on A closes at once; the others go on.
    expect((await del(franchisorOnB, `/team/${personId}`)).status).toBe(204)
    await resumed.waitFor(m => m.some(x => x.event === 'store_removed'), 5000, 'store_removed on A')
    expect(JSON.parse(resumed.messages.find(m => m.event === 'store_removed')!.data)).toEqual({ storeId: franchiseId })
    await franchisorOnB.post('/orders', orderBody({ customerName: 'franchise-2' }))
    await stallOnA.post('/orders', orderBody({ customerName: 'stall-3' }))
    await resumed.waitFor(() => orderNames(resumed).includes('stall-3'), 10_000, 'stall-3')
    expect(orderNames(resumed)).not.toContain('franchise-2')
    expect(resumed.ended).toBe(false)
    resumed.close()
  })
})
