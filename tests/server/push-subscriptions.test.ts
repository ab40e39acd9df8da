import { expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { startServer } from '../helpers/server'
import { useSuiteResource } from '../helpers/suite-resource'
import { describeWithServer } from '../helpers/test-server'
import { expectApiError } from './support/api'
import { expectKey, pushEnv, subscribeDevice, TestClock } from './support/push'
import { PushService } from './support/push-service'

const KEYS = { p256dh: `B${'A'.repeat(86)}`, auth: 'AAAAAAAAAAAAAAAAAAAAAA' }

// Endpoints a server must never POST to (SSRF), even in the test mode that allows http://127.0.0.1.
const REFUSED_ENDPOINTS = [
  'http://push.example.com/x',
  'ftp://127.0.0.1/x',
  'https://10.1.2.3/push',
  'https://172.16.0.1/push',
  'https://192.168.1.1/push',
  'https://169.254.169.254/latest/meta-data',
  'https://100.64.0.1/push',
  'https://0.0.0.0/push',
  'https://[fd00::1]/push',
  'https://[fe80::1]/push',
  'https://[::ffff:10.0.0.1]/push',
  // IPv6 forms that embed a (here public) IPv4 address or relay to one.
  'https://[::8.8.8.8]/push',
  'https://[::ffff:0:8.8.8.8]/push',
  'https://[64:ff9b:1::808:808]/push',
  'https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/push',
  'https://[2002:808:808::1]/push',
  'https://192.88.99.1/push',
  'https://user:pw@push.example.com/x',
  'https://no-such-host.invalid/push',
  'not a url',
  'javascript:alert(1)',
]

const clock = new TestClock()

describeWithServer('push subscriptions', (ctx) => {
  const service = useSuiteResource('the push service', () => PushService.start(), async (started) => {
    await started.close()
    expect(started.errors).toEqual([])
  })
  // Without the test-only switch, loopback http:// endpoints are refused too.
  const strict = useSuiteResource('a server without the test switch', () => startServer({ backend: 'sqlite' }), started => started.dispose())

  it('serves the VAPID public key (the same after a restart) and needs a session', async () => {
    const { api } = await registerStore(ctx.server.url)
    const key = await expectKey(api, service())
    expectApiError(await new Api(ctx.server.url).get('/push/public-key'), 401, 'unauthorized')
    await ctx.server.stop()
    await ctx.server.restart()
    expect((await api.get('/push/public-key')).body.publicKey).toBe(key)
  })

  it('creates, updates by endpoint, lists, patches and deletes a device', async () => {
    const { api } = await registerStore(ctx.server.url)
    const { device, id } = await subscribeDevice(api, service())
    const listed = await api.get('/push/subscriptions')
    expect(listed.status).toBe(200)
    expect(listed.body.subscriptions).toEqual([{
      id,
      alerts: { newOrders: true, payments: true, minOrderCents: null, pendingReminderMinutes: null, dailySummaryAt: null, quietHours: null },
      service: service().origin,
      userAgent: expect.any(String),
      locale: null,
      current: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    }])
    // The same endpoint again updates it.
    const again = await api.post('/push/subscriptions', { subscription: { endpoint: device.endpoint, keys: device.keys }, alerts: { payments: false } })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ id, alerts: { newOrders: true, payments: false } })
    const patched = await api.patch(`/push/subscriptions/${id}`, { alerts: { minOrderCents: 1000, dailySummaryAt: '21:30', quietHours: { from: '22:00', to: '07:00' } } })
    expect(patched.status).toBe(200)
    expect(patched.body.alerts).toEqual({ newOrders: true, payments: false, minOrderCents: 1000, pendingReminderMinutes: null, dailySummaryAt: '21:30', quietHours: { from: '22:00', to: '07:00' } })
    expect((await api.patch(`/push/subscriptions/${id}`, { alerts: { quietHours: null } })).body.alerts.quietHours).toBeNull()

    // Another user (of another store) sees nothing of it and cannot change it.
    const { api: other } = await registerStore(ctx.server.url)
    expect((await other.get('/push/subscriptions')).body.subscriptions).toEqual([])
    expectApiError(await other.patch(`/push/subscriptions/${id}`, { alerts: { newOrders: false } }), 404, 'subscription_not_found')
    expectApiError(await other.request('DELETE', `/push/subscriptions/${id}`), 404, 'subscription_not_found')
    expectApiError(await api.request('DELETE', '/push/subscriptions/nope'), 404, 'subscription_not_found')

    expect((await api.request('DELETE', `/push/subscriptions/${id}`)).status).toBe(204)
    expect((await api.get('/push/subscriptions')).body.subscriptions).toEqual([])
  })

  it('refuses bad bodies and unsafe endpoints with 4xx, changing nothing', async () => {
    const { api } = await registerStore(ctx.server.url)
    const { id } = await subscribeDevice(api, service())
    const before = (await api.get('/push/subscriptions')).body
    const good = service().device()
    const bad: Array<[unknown, string]> = [
      [{ subscription: { endpoint: good.endpoint, keys: { p256dh: 'short', auth: good.keys.auth } } }, 'validation_failed'],
      [{ subscription: { endpoint: good.endpoint, keys: { p256dh: good.keys.p256dh, auth: 'x' } } }, 'validation_failed'],
      [{ subscription: { endpoint: good.endpoint } }, 'validation_failed'],
      [{ subscription: { endpoint: good.endpoint, keys: good.keys }, alerts: { newOrders: 'yes' } }, 'validation_failed'],
      [{ subscription: { endpoint: good.endpoint, keys: good.keys }, alerts: { dailySummaryAt: '24:00' } }, 'validation_failed'],
      [{ subscription: { endpoint: good.endpoint, keys: good.keys }, alerts: { quietHours: { from: '22:00', to: '22:00' } } }, 'validation_failed'],
      [{ subscription: { endpoint: good.endpoint, keys: good.keys }, alerts: { minOrderCents: -1 } }, 'validation_failed'],
      [{ subscription: { endpoint: good.endpoint, keys: good.keys }, alerts: { pendingReminderMinutes: 0 } }, 'validation_failed'],
      [{ subscription: { endpoint: good.endpoint, keys: good.keys }, alerts: { sound: true } }, 'validation_failed'],
      [{ subscription: { endpoint: good.endpoint, keys: good.keys }, extra: 1 }, 'validation_failed'],
      [{ subscription: { endpoint: 'x'.repeat(3000), keys: good.keys } }, 'validation_failed'],
      ...REFUSED_ENDPOINTS.map(endpoint => [{ subscription: { endpoint, keys: KEYS } }, 'invalid_push_endpoint'] as [unknown, string]),
    ]
    for (const [body, code] of bad) {
      const response = await api.post('/push/subscriptions', body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expectApiError(response, 400, code)
    }
    expectApiError(await api.patch(`/push/subscriptions/${id}`, { alerts: { quietHours: { from: '7am', to: '9' } } }), 400, 'validation_failed')
    expectApiError(await api.patch(`/push/subscriptions/${id}`, {}), 400, 'validation_failed')
    expectApiError(await api.request('POST', '/push/subscriptions', 'nope', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type')
    expectApiError(await new Api(ctx.server.url).post('/push/subscriptions', { subscription: { endpoint: good.endpoint, keys: good.keys } }), 401, 'unauthorized')
    expect((await api.get('/push/subscriptions')).body).toEqual(before)

    const { api: strictApi } = await registerStore(strict().url)
    for (const endpoint of [good.endpoint, 'https://127.0.0.1/push', 'https://localhost/push', 'https://[::1]/push'])
      expectApiError(await strictApi.post('/push/subscriptions', { subscription: { endpoint, keys: KEYS } }), 400, 'invalid_push_endpoint')
    expect((await strictApi.get('/push/subscriptions')).body.subscriptions).toEqual([])
  })

  it('signing out of the session that subscribed removes its device, not the others', async () => {
    const { api, auth } = await registerStore(ctx.server.url)
    const { id: first } = await subscribeDevice(api, service())
    const second = new Api(ctx.server.url)
    const login = await second.post('/auth/login', { email: auth.user.email, password: 'correct horse' })
    second.token = login.body.token
    const { id: other } = await subscribeDevice(second, service())
    const listed = (await second.get('/push/subscriptions')).body.subscriptions
    expect(listed.map((s: any) => [s.id, s.current])).toEqual([[first, false], [other, true]])
    expect((await api.post('/auth/logout')).status).toBe(204)
    expect((await second.get('/push/subscriptions')).body.subscriptions.map((s: any) => s.id)).toEqual([other])
    expect(await ctx.db.all('select id from push_subscriptions where id = ?', [first])).toEqual([])
  })
}, { env: pushEnv(clock), db: true })
