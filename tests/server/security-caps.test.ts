import type { Api as Client } from '../helpers/api'
import type { StateBackend } from './security-support'
import { beforeAll, describe, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { useSuiteResource } from '../helpers/suite-resource'
import { STATE_BACKENDS, useServerOn } from './security-support'
import { expectApiError } from './support/api'
import { pushEnv, subscribeDevice, TestClock } from './support/push'
import { PushService } from './support/push-service'
import { connectStream } from './support/stream'
import { del } from './support/team'

const clock = new TestClock()

/** Sends `count` requests one after another and expects each to succeed. */
async function fill(count: number, send: (i: number) => Promise<{ status: number, body: unknown }>): Promise<any[]> {
  const bodies: any[] = []
  for (let i = 0; i < count; i++) {
    const response = await send(i)
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300)
    bodies.push(response.body)
  }
  return bodies
}

function expectLimit(response: { status: number, body: any, headers: Headers }, limit: number): void {
  expectApiError(response, 409, 'limit_reached')
  expect(response.body.message).toContain(String(limit))
}

describe.each(STATE_BACKENDS)('caps on %s', (backend: StateBackend) => {
  const ctx = useServerOn(backend, pushEnv(clock), { db: true })
  const service = useSuiteResource('the push service', () => PushService.start(), started => started.close())
  let owner: Client

  beforeAll(async () => {
    owner = (await registerStore(ctx.server.url)).api
  })

  it('50 open invitations a store: the 51st answers 409 limit_reached; revoking one makes room', async () => {
    const invitations = await fill(50, () => owner.post('/team/invitations', { role: 'staff' }))
    const refused = await owner.post('/team/invitations', { role: 'staff' })
    expectLimit(refused, 50)
    expect(await ctx.db.all('select id from invitations where store_id = (select store_id from invitations where id = ?)', [invitations[0].id])).toHaveLength(50)
    expect((await del(owner, `/team/invitations/${invitations[0].id}`)).status).toBe(204)
    expect((await owner.post('/team/invitations', { role: 'staff' })).status).toBe(201)
  })

  it('20 unused pairing codes a store: the 21st answers 409 limit_reached; a used code makes room', async () => {
    const { api } = await registerStore(ctx.server.url)
    const codes = await fill(20, () => api.post('/devices/pairing-codes', {}))
    expectLimit(await api.post('/devices/pairing-codes', {}), 20)
    expect((await new Api(ctx.server.url).post('/auth/pair', { code: codes[0].code, deviceName: 'Till' })).status).toBe(201)
    expect((await api.post('/devices/pairing-codes', {})).status).toBe(201)
  })

  it('100 API keys a store: the 101st answers 409 limit_reached; revoking one makes room', async () => {
    const { api } = await registerStore(ctx.server.url)
    const keys = await fill(100, i => api.post('/api-keys', { name: `Till ${i}`, scopes: ['orders:read'] }))
    expectLimit(await api.post('/api-keys', { name: 'One more', scopes: ['orders:read'] }), 100)
    expect((await api.get('/api-keys')).body.apiKeys).toHaveLength(100)
    expect((await del(api, `/api-keys/${keys[0].id}`)).status).toBe(204)
    expect((await api.post('/api-keys', { name: 'One more', scopes: ['orders:read'] })).status).toBe(201)
  })

  it('10 push devices a person: the 11th answers 409 limit_reached; a known device still updates', async () => {
    const { api } = await registerStore(ctx.server.url)
    const devices = []
    for (let i = 0; i < 10; i++)
      devices.push((await subscribeDevice(api, service())).device)
    const extra = service().device()
    expectLimit(await api.post('/push/subscriptions', { subscription: { endpoint: extra.endpoint, keys: extra.keys }, alerts: {} }), 10)
    expect((await api.get('/push/subscriptions')).body.subscriptions).toHaveLength(10)
    expect((await api.post('/push/subscriptions', { subscription: { endpoint: devices[0].endpoint, keys: devices[0].keys }, alerts: { payments: false } })).status).toBe(200)
  })

  it('3 test pushes a device a minute: the 4th answers 429 with the limit, and queues nothing', async () => {
    const { api } = await registerStore(ctx.server.url)
    const { id } = await subscribeDevice(api, service())
    await fill(3, () => api.post(`/push/subscriptions/${id}/test`))
    const refused = await api.post(`/push/subscriptions/${id}/test`)
    expectApiError(refused, 429, 'too_many_attempts')
    expect(refused.body.message).toContain('3 a minute')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    // Another device of the same person has its own allowance.
    const other = await subscribeDevice(api, service())
    expect((await api.post(`/push/subscriptions/${other.id}/test`)).status).toBe(202)
  })

  it('50 sessions a person: the 51st sign-in ends the oldest session and closes its stream', async () => {
    const { api: first, auth } = await registerStore(ctx.server.url)
    const { client } = await connectStream(ctx.server, first.token!)
    const signIn = () => new Api(ctx.server.url).post('/auth/login', { email: auth.user.email, password: 'correct horse' })
    const sessions = await fill(49, signIn)
    expect((await first.get('/auth/me')).status).toBe(200)
    expect((await signIn()).status).toBe(200)
    expectApiError(await first.get('/auth/me'), 401, 'unauthorized')
    await expect.poll(() => client.ended, { timeout: 3000 }).toBe(true)
    const second = new Api(ctx.server.url, sessions[0].token)
    expect((await second.get('/auth/me')).status).toBe(200)
    expect((await second.get('/auth/sessions')).body.sessions).toHaveLength(50)
  }, 120_000) // 51 sign-ins, each a deliberately slow password check
})
