import { expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { useSuiteResource } from '../helpers/suite-resource'
import { describeWithServer } from '../helpers/test-server'
import { orderBody } from './support/api'
import { expectKey, pushEnv, sleep, subscribeDevice, TestClock, waitForPushes } from './support/push'
import { PushService } from './support/push-service'
import { waitUntil } from './support/wait'

const clock = new TestClock()

describeWithServer('push across kill -9', (ctx) => {
  const service = useSuiteResource('the push service', () => PushService.start(), async (started) => {
    await started.close()
    expect(started.errors).toEqual([])
  })

  it('a commit whose push was never decided is pushed after the restart, once', async () => {
    const { api } = await registerStore(ctx.server.url)
    await expectKey(api, service())
    const { device } = await subscribeDevice(api, service())
    // This instance commits but sends nothing (PULSE_PUSH_WORKER=0), then dies.
    ctx.server.env.PULSE_PUSH_WORKER = '0'
    await ctx.server.stop('SIGKILL')
    await ctx.server.restart()
    const orders = [(await api.post('/orders', orderBody())).body, (await api.post('/orders', orderBody())).body]
    await sleep(800)
    expect(service().pushesTo(device)).toEqual([])
    await ctx.server.stop('SIGKILL')
    delete ctx.server.env.PULSE_PUSH_WORKER
    await ctx.server.restart()
    await waitUntil(() => service().pushesTo(device).length >= 2, 'the pushes after restart')
    await sleep(800)
    expect(service().pushesTo(device).map(p => p.payload.orderId)).toEqual(orders.map(o => o.id))
  })

  it('a push cut off mid-send by kill -9 is sent again after the restart, with the same tag and Topic', async () => {
    const { api } = await registerStore(ctx.server.url)
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
    await sleep(800)
    expect(service().pushesTo(device)).toHaveLength(1)
    expect(service().attempts.filter(a => a.device === device.name).map(a => a.status)).toEqual(['held', 201])
  })
}, { env: pushEnv(clock, { PULSE_PUSH_LEASE_MS: '2000' }) })
