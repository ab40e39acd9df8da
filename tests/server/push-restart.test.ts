import type { TestServer } from '../helpers/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { BACKENDS } from '../helpers/databases'
import { startServer } from '../helpers/server'
import { orderBody } from './support/api'
import { expectKey, pushEnv, sleep, subscribeDevice, TestClock, waitForPushes } from './support/push'
import { PushService } from './support/push-service'
import { waitUntil } from './support/wait'

describe.each(BACKENDS)('push across kill -9 on %s', (backend) => {
  let server: TestServer
  let service: PushService
  const clock = new TestClock()
  beforeAll(async () => {
    service = await PushService.start()
    // A short lease: on PostgreSQL a push claimed by a dead instance is free again after it.
    server = await startServer({ backend, env: pushEnv(clock, { PULSE_PUSH_LEASE_MS: '2000' }) })
  })
  afterAll(async () => {
    await Promise.all([server?.dispose(), service?.close()])
    expect(service.errors).toEqual([])
  })

  it('a commit whose push was never decided is pushed after the restart, once', async () => {
    const { api } = await registerStore(server.url)
    await expectKey(api, service)
    const { device } = await subscribeDevice(api, service)
    // This instance commits but sends nothing (PULSE_PUSH_WORKER=0), then dies.
    server.env.PULSE_PUSH_WORKER = '0'
    await server.stop('SIGKILL')
    await server.restart()
    const orders = [(await api.post('/orders', orderBody())).body, (await api.post('/orders', orderBody())).body]
    await sleep(800)
    expect(service.pushesTo(device)).toEqual([])
    await server.stop('SIGKILL')
    delete server.env.PULSE_PUSH_WORKER
    await server.restart()
    await waitUntil(() => service.pushesTo(device).length >= 2, 'the pushes after restart')
    await sleep(800)
    expect(service.pushesTo(device).map(p => p.payload.orderId)).toEqual(orders.map(o => o.id))
  })

  it('a push cut off mid-send by kill -9 is sent again after the restart, with the same tag and Topic', async () => {
    const { api } = await registerStore(server.url)
    await expectKey(api, service)
    const { device } = await subscribeDevice(api, service)
    service.reply(device, 'hold')
    const order = (await api.post('/orders', orderBody())).body
    await waitUntil(() => service.attempts.some(a => a.device === device.name && a.status === 'held'), 'the held request')
    await server.stop('SIGKILL')
    service.releaseHeld()
    await server.restart()
    const [push] = await waitForPushes(service, device, 1, 'the push after restart', 15_000)
    expect(push.payload).toMatchObject({ type: 'new_order', orderId: order.id, seq: 1, tag: `order-${order.id}` })
    await sleep(800)
    expect(service.pushesTo(device)).toHaveLength(1)
    expect(service.attempts.filter(a => a.device === device.name).map(a => a.status)).toEqual(['held', 201])
  })
})
