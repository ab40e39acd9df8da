import { beforeAll, describe, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { WAKE_UP_BUSES } from '../helpers/cluster'
import { SseClient } from '../helpers/sse-client'
import { useTestCluster } from '../helpers/test-cluster'
import { waitUntil } from '../helpers/wait'
import { addMember, del } from '../server/support/team'

// Heartbeats far longer than the test waits: only the bus can close the streams in time.
const HEARTBEAT_MS = 60_000

async function openOn(base: string, token: string): Promise<SseClient> {
  const client = await SseClient.connect(`${base}/api/v1/events/stream`, { token })
  expect(client.status).toBe(200)
  await client.waitFor(m => m.some(x => x.event === 'connected'))
  return client
}

describe.skipIf(!process.env.TEST_DATABASE_URL).each(WAKE_UP_BUSES)('access changes across instances, through %s', (bus) => {
  const ctx = useTestCluster(2, { redis: true, bus, env: { PULSE_HEARTBEAT_MS: String(HEARTBEAT_MS) } })
  let ownerOnA: Api
  const a = () => ctx.cluster.instances[0]
  const b = () => ctx.cluster.instances[1]

  beforeAll(async () => {
    ownerOnA = (await registerStore(a().url)).api
  })

  it('a role change on A closes the member\'s stream on B at once, not at a heartbeat; others\' streams stay', async () => {
    const member = await addMember(a(), ownerOnA, 'staff')
    const theirs = await openOn(b().url, member.api.token!)
    const owners = await openOn(b().url, ownerOnA.token!)
    expect((await ownerOnA.patch(`/team/${member.userId}`, { role: 'manager' })).status).toBe(200)
    await waitUntil(() => theirs.ended, 'the member\'s stream on B to close', 5000)
    expect(owners.ended).toBe(false)
    // It reconnects under the new role.
    const again = await openOn(b().url, member.api.token!)
    expect((await new Api(b().url, member.api.token).get('/analytics/summary?range=7d')).status).toBe(200)
    for (const client of [owners, again]) client.close()
  })

  it('a member removed on A: their stream on B closes at once, not at a heartbeat', async () => {
    const member = await addMember(a(), ownerOnA, 'manager')
    const stream = await openOn(b().url, member.api.token!)
    expect((await del(ownerOnA, `/team/${member.userId}`)).status).toBe(204)
    await waitUntil(() => stream.ended, 'the member\'s stream on B to close', 5000)
  })
})
