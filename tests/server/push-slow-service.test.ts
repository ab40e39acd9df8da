import type { Api } from '../helpers/api'
import type { SilentEndpoint as Silent } from './support/silent-endpoint'
import { expect, it } from 'vitest'
import { registerStore } from '../helpers/api'
import { useSuiteResource } from '../helpers/suite-resource'
import { describeWithServer } from '../helpers/test-server'
import { waitUntil } from '../helpers/wait'
import { orderBody } from './support/api'
import { expectKey, pushEnv, pushOutcomes, subscribeDevice, TestClock, waitForPushes } from './support/push'
import { PushService } from './support/push-service'
import { SilentEndpoint } from './support/silent-endpoint'

// More devices than one push service host gets sends at once (PULSE_PUSH_HOST_CONCURRENCY, lowered from
// its 8 so that one person's devices, at most 10, outnumber it).
const HUNG_DEVICES = 6
const HOST_CONCURRENCY = 4

const clock = new TestClock()

function usePushServices() {
  const service = useSuiteResource('the push service', () => PushService.start(), async (started) => {
    await started.close()
    expect(started.errors).toEqual([])
  })
  const silent = useSuiteResource('a push service that never answers', () => SilentEndpoint.start(), started => started.close())
  return { service, silent }
}

/** A store whose devices all use the silent push service. */
async function hungStore(serverUrl: string, service: PushService, silent: Silent): Promise<Api> {
  const { api } = await registerStore(serverUrl, { storeName: 'Hung Devices' })
  for (let i = 0; i < HUNG_DEVICES; i++) {
    const device = service.device()
    const response = await api.post('/push/subscriptions', { subscription: { endpoint: `${silent.origin}/push/${device.name}`, keys: device.keys } })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
  }
  return api
}

async function storeWithDevice(serverUrl: string, service: PushService) {
  const { api } = await registerStore(serverUrl, { storeName: 'Corner Cafe' })
  await expectKey(api, service)
  const { device } = await subscribeDevice(api, service)
  return { api, device }
}

// The sends to the silent service would wait 2 min for an answer: another store's push must not wait for them.
describeWithServer('a push service that never answers, while its sends are open', (ctx) => {
  const { service, silent } = usePushServices()

  it('holds up no other store\'s push, and gets at most its host\'s share of connections', async () => {
    const hung = await hungStore(ctx.server.url, service(), silent())
    const other = await storeWithDevice(ctx.server.url, service())
    await hung.post('/orders', orderBody())
    // Barrier: the worker is sending to the silent service.
    await waitUntil(() => silent().accepted >= 1, 'a connection to the silent push service')
    const order = (await other.api.post('/orders', orderBody())).body
    const [push] = await waitForPushes(service(), other.device, 1, 'the other store\'s push while the silent service holds its sends')
    expect(push.payload).toMatchObject({ type: 'new_order', orderId: order.id })
    // None of the hung sends was given up: the other push did not wait for them to time out.
    expect(silent().open).toBe(silent().accepted)
    expect(silent().accepted).toBeLessThanOrEqual(HOST_CONCURRENCY)
  })
}, { env: pushEnv(clock, { PULSE_PUSH_SEND_TIMEOUT_MS: '120000', PULSE_PUSH_HOST_CONCURRENCY: String(HOST_CONCURRENCY) }) })

// A short send timeout: the silent service's sends are cut off, and its host backed off.
describeWithServer('a push service that never answers, with a short send timeout', (ctx) => {
  const { service, silent } = usePushServices()

  it('cuts its sends off at the timeout and backs its host off instead of trying each device', async () => {
    const before = await pushOutcomes(ctx.server.url)
    const hung = await hungStore(ctx.server.url, service(), silent())
    await hung.post('/orders', orderBody())
    // Every hung push is either tried (no answer: retried later) or put back while the host is backed off.
    await waitUntil(async () => {
      const now = await pushOutcomes(ctx.server.url)
      return (now.retried ?? 0) - (before.retried ?? 0) + (now.deferred ?? 0) - (before.deferred ?? 0) >= HUNG_DEVICES
    }, 'every hung push to be tried or deferred')
    const after = await pushOutcomes(ctx.server.url)
    // The pushes beyond the host's share went back to the outbox without a connection of their own.
    expect(after.deferred - (before.deferred ?? 0)).toBeGreaterThanOrEqual(HUNG_DEVICES - HOST_CONCURRENCY)
    // Pulse closed the connections it gave up on (the silent service never closes one).
    await waitUntil(() => silent().closed >= HOST_CONCURRENCY, 'the cut-off connections to close')
    const other = await storeWithDevice(ctx.server.url, service())
    await other.api.post('/orders', orderBody())
    await waitForPushes(service(), other.device, 1, 'the other store\'s push')
  })
}, { env: pushEnv(clock, { PULSE_PUSH_SEND_TIMEOUT_MS: '300', PULSE_PUSH_HOST_CONCURRENCY: String(HOST_CONCURRENCY) }) })
