import { describe, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { openDbReader } from '../helpers/db-reader'
import { useSuiteResource } from '../helpers/suite-resource'
import { useTestCluster } from '../helpers/test-cluster'
import { waitUntil } from '../helpers/wait'
import { orderBody } from '../server/support/api'
import { expectKey, pushEnv, subscribeDevice, TestClock, waitForPushWorker } from '../server/support/push'
import { PushService } from '../server/support/push-service'

const clock = new TestClock()

describe.skipIf(!process.env.TEST_DATABASE_URL)('push with two instances on one PostgreSQL', () => {
  const ctx = useTestCluster(2, { redis: true, env: pushEnv(clock) })
  const pushService = useSuiteResource('the push service', () => PushService.start(), async (started) => {
    await started.close()
    expect(started.errors).toEqual([])
  })

  it('both instances share one VAPID key, and each push is sent exactly once', async () => {
    const [a, b] = ctx.cluster.instances
    const service = pushService()
    const { api, auth } = await registerStore(a.url)
    const key = await expectKey(api, service)
    const onB = new Api(b.url, api.token)
    expect((await onB.get('/push/public-key')).body.publicKey).toBe(key)
    const devices = [(await subscribeDevice(api, service)).device, (await subscribeDevice(onB, service)).device]
    const count = 15
    await Promise.all(Array.from({ length: count }, async (_, i) => {
      const client = i % 2 ? onB : api
      const order = (await client.post('/orders', orderBody())).body
      await client.post(`/orders/${order.id}/payments`, { amountCents: 1200, method: 'card' })
    }))
    for (const device of devices)
      await waitUntil(() => service.pushesTo(device).length >= 2 * count, 'every push', 20_000)
    const db = await openDbReader(a)
    try {
      await waitForPushWorker([a, b], db, auth.store.id, clock)
    }
    finally {
      await db.close()
    }
    for (const device of devices) {
      // Per order: order_created and payment_received push, order_updated (to paid) does not.
      const pushes = service.pushesTo(device).map(p => `${p.payload.type}:${p.payload.seq}`)
      expect(pushes).toHaveLength(2 * count)
      expect(new Set(pushes).size).toBe(2 * count)
    }
  })
})
