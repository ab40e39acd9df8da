import { beforeAll, describe, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { SseClient } from '../helpers/sse-client'
import { useTestCluster } from '../helpers/test-cluster'
import { waitUntil } from '../helpers/wait'
import { addMember, createKey, del, pairDevice } from '../server/support/team'

const streamUrl = (base: string) => `${base}/api/v1/events/stream`

async function openOn(base: string, token: string): Promise<SseClient> {
  const client = await SseClient.connect(streamUrl(base), { token })
  expect(client.status).toBe(200)
  await client.waitFor(m => m.some(x => x.event === 'connected'))
  return client
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('revocations across two instances', () => {
  const ctx = useTestCluster(2, { redis: true, env: { PULSE_HEARTBEAT_MS: '300' } })
  let ownerOnA: Api
  const a = () => ctx.cluster.instances[0]
  const b = () => ctx.cluster.instances[1]

  beforeAll(async () => {
    ownerOnA = (await registerStore(a().url)).api
  })

  it('a device revoked on A: its stream on B closes within a heartbeat, its requests on B fail at once', async () => {
    const device = await pairDevice(a(), ownerOnA)
    const stream = await openOn(b().url, device.api.token!)
    expect((await del(ownerOnA, `/devices/${device.deviceId}`)).status).toBe(204)
    expect((await new Api(b().url, device.api.token).get('/orders')).status).toBe(401)
    await waitUntil(() => stream.ended, 'the device stream on B to close', 5000)
  })

  it('an API key revoked on A: its stream on B closes within a heartbeat', async () => {
    const key = await createKey(a(), ownerOnA, ['events:read'])
    const stream = await openOn(b().url, key.key)
    expect((await del(ownerOnA, `/api-keys/${key.keyId}`)).status).toBe(204)
    expect((await new Api(b().url, key.key).get('/orders')).status).toBe(401)
    await waitUntil(() => stream.ended, 'the key stream on B to close', 5000)
  })

  it('a member removed on A: their stream on B closes within a heartbeat, their requests on B fail at once', async () => {
    const member = await addMember(a(), ownerOnA, 'manager')
    const stream = await openOn(b().url, member.api.token!)
    expect((await del(ownerOnA, `/team/${member.userId}`)).status).toBe(204)
    expect((await new Api(b().url, member.api.token).get('/orders')).status).toBe(401)
    await waitUntil(() => stream.ended, 'the member stream on B to close', 5000)
  })
})
