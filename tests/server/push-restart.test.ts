import { expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { useSuiteResource } from '../helpers/suite-resource'
import { describeWithServer } from '../helpers/test-server'
import { waitUntil } from '../helpers/wait'
import { orderBody, readMetric } from './support/api'
import { expectKey, pushEnv, pushWorkLeft, subscribeDevice, TestClock, waitForPushes, waitForPushWorker } from './support/push'
import { PushService } from './support/push-service'

const clock = new TestClock()

describeWithServer('push across kill -9', (ctx) => {
  const caughtUp = (storeId: string) => waitForPushWorker([ctx.server], ctx.db, storeId, clock)
  const service = useSuiteResource('the push service', () => PushService.start(), async (started) => {
    await started.close()
    expect(started.errors).toEqual([])
  })

  it('a commit whose push was never decided is pushed after the restart, once', async () => {
    const { api, auth } = await registerStore(ctx.server.url)
    await expectKey(api, service())
    const { device } = await subscribeDevice(api, service())
    // This instance commits but sends nothing (PULSE_PUSH_WORKER=0), then dies.
    ctx.server.env.PULSE_PUSH_WORKER = '0'
    await ctx.server.stop('SIGKILL')
    await ctx.server.restart()
    const orders = [(await api.post('/orders', orderBody())).body, (await api.post('/orders', orderBody())).body]
    // Its worker never ran a pass: the two commits are past the cursor and nothing was queued or sent.
    expect(await readMetric(ctx.server, 'pulse_push_worker_sweeps_total')).toBe(0)
    expect(await pushWorkLeft(ctx.db, auth.store.id, clock.now())).toEqual(['events 1–2 undecided'])
    expect(service().pushesTo(device)).toEqual([])
    await ctx.server.stop('SIGKILL')
    delete ctx.server.env.PULSE_PUSH_WORKER
    await ctx.server.restart()
    await waitUntil(() => service().pushesTo(device).length >= 2, 'the pushes after restart')
    await caughtUp(auth.store.id)
    expect(service().pushesTo(device).map(p => p.payload.orderId)).toEqual(orders.map(o => o.id))
  })

  it('a push cut off mid-send by kill -9 is sent again after the restart, with the same tag and Topic', async () => {
    const { api, auth } = await registerStore(ctx.server.url)
    await expectKey(api, service())
    const { device } = await subscribeDevice(api, service())
    service().reply(device, 'hold')
    const order = (await api.post('/orders', orderBody())).body
    await waitUntil(() => service().attempts.some(a => a.device === device.name && a.status === 'held'), 'the held request')
    await ctx.server.stop('SIGKILL')
    service().releaseHeld()
    await ctx.server.restart()
    const [push] = await waitForPushes(service(), device, 1, 'the push after restart', 15_000)
    expect(push.payload).toMatchObject({ type: 'new_order', orderId: order.id, seq: 1, tag: `order-${order.id}` })
    await caughtUp(auth.store.id)
    expect(service().pushesTo(device)).toHaveLength(1)
    expect(service().attempts.filter(a => a.device === device.name).map(a => a.status)).toEqual(['held', 201])
  })
}, { env: pushEnv(clock, { PULSE_PUSH_LEASE_MS: '2000' }), db: true })
