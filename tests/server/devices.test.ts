import { beforeAll, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { waitUntil } from '../helpers/wait'
import { expectApiError, orderBody } from './support/api'
import { connectStream } from './support/stream'
import { addMember, del, pairDevice } from './support/team'

const MAX_GUESSES = 8
const CODE = /^[2-9A-HJ-NP-Z]{8}$/

describeWithServer('counter devices', (ctx) => {
  let owner: Api
  let storeId: string
  let anonymous: Api

  beforeAll(async () => {
    const registered = await registerStore(ctx.server.url)
    owner = registered.api
    storeId = registered.auth.store.id
    anonymous = new Api(ctx.server.url)
  })

  async function newCode(api = owner, body: Record<string, unknown> = {}) {
    const response = await api.post('/devices/pairing-codes', body)
    expect(response.status).toBe(201)
    return response.body as { code: string, expiresAt: string }
  }

  it('a pairing code: 8 characters without 0/O/1/I, 10 minutes, stored hashed; managers may make one too', async () => {
    // A store of its own: these codes stay unused, and a store holds at most 20 of them (security-caps.test.ts).
    const { api: maker } = await registerStore(ctx.server.url)
    const before = Date.now()
    const created = await newCode(maker)
    expect(created).toEqual({ code: expect.stringMatching(CODE), expiresAt: expect.any(String) })
    expect(Date.parse(created.expiresAt) - before).toBeGreaterThan(10 * 60_000 - 2000)
    expect(Date.parse(created.expiresAt) - before).toBeLessThanOrEqual(10 * 60_000 + 2000)
    const codes = await Promise.all(Array.from({ length: 18 }, () => newCode(maker)))
    expect(codes.every(c => !/[01OI]/.test(c.code))).toBe(true)
    const stored = await ctx.db.all<{ code_hash: string }>('select code_hash from pairing_codes')
    expect(stored.every(row => /^[0-9a-f]{64}$/.test(row.code_hash))).toBe(true)
    expect(JSON.stringify(stored)).not.toContain(created.code)
    const manager = await addMember(ctx.server, maker, 'manager')
    expect((await manager.api.post('/devices/pairing-codes', { name: 'Bar' })).status).toBe(201)
  })

  it('names the device as typed on it, else by the name given with the code', async () => {
    const named = (await owner.post('/devices/pairing-codes', { name: 'Bar' })).body
    const typed = await anonymous.post('/auth/pair', { code: named.code, deviceName: 'Front till' })
    expect(typed.status).toBe(201)
    expect(typed.body.device.name).toBe('Front till')
    const again = (await owner.post('/devices/pairing-codes', { name: 'Bar' })).body
    const untyped = await anonymous.post('/auth/pair', { code: again.code })
    expect(untyped.status).toBe(201)
    expect(untyped.body.device.name).toBe('Bar')
  })

  it('pairs: 201 {token, store, role: "display"} + cookie; the code is forgiving to type; the device is listed', async () => {
    const { code } = await newCode()
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`
    const paired = await anonymous.post('/auth/pair', { code: typed, deviceName: 'Front counter' })
    expect(paired.status).toBe(201)
    expect(paired.body).toEqual({ token: expect.any(String), store: expect.objectContaining({ id: storeId }), role: 'display', device: { id: expect.any(String), name: 'Front counter', createdAt: expect.any(String), lastSeenAt: null } })
    expect(paired.headers.getSetCookie().some(c => c.startsWith(`pulse_session=${paired.body.token}`) && /HttpOnly/i.test(c))).toBe(true)
    const device = new Api(ctx.server.url, paired.body.token)
    expect((await device.get('/auth/me')).body).toEqual({ user: null, store: expect.objectContaining({ id: storeId }), role: 'display', actor: { type: 'device', id: paired.body.device.id, name: 'Front counter' }, permissions: ['orders:read', 'analytics:read', 'analytics:read_today', 'events:read', 'notifications:manage'], storeCount: 1, analyticsStoreCount: 1 })
    const listed = await owner.get('/devices')
    expect(listed.body.devices).toContainEqual({ id: paired.body.device.id, name: 'Front counter', createdAt: expect.any(String), lastSeenAt: expect.any(String) })
  })

  it('a display reads analytics, orders and the stream, and writes nothing', async () => {
    const { api: device } = await pairDevice(ctx.server, owner)
    const order = (await owner.post('/orders', orderBody())).body
    expect((await device.get('/analytics/summary?range=30d')).status).toBe(200)
    expect((await device.get('/orders')).status).toBe(200)
    expect((await device.get(`/orders/${order.id}`)).status).toBe(200)
    expectApiError(await device.post('/orders', orderBody()), 403, 'forbidden')
    expectApiError(await device.post(`/orders/${order.id}/payments`, { amountCents: 1, method: 'cash' }), 403, 'forbidden')
    expectApiError(await device.patch(`/orders/${order.id}`, { status: 'cancelled' }), 403, 'forbidden')
    expectApiError(await device.post('/devices/pairing-codes', {}), 403, 'forbidden')
    expectApiError(await device.post('/team/invitations', { role: 'owner' }), 403, 'forbidden')
    expectApiError(await device.post('/auth/accept-invitation', { token: 'x'.repeat(43) }), 403, 'forbidden')
    expect((await owner.get(`/orders/${order.id}`)).body.status).toBe('pending')
  })

  it('a code pairs into its own store only', async () => {
    const other = await registerStore(ctx.server.url)
    const otherOrder = (await other.api.post('/orders', orderBody())).body
    const { api: device } = await pairDevice(ctx.server, owner)
    expect((await device.get('/auth/me')).body.store.id).toBe(storeId)
    expectApiError(await device.get(`/orders/${otherOrder.id}`), 404, 'order_not_found')
  })

  it('refuses a used (409), expired (410) or unknown (404) code, and bad input (400)', async () => {
    const { code } = await newCode()
    expect((await anonymous.post('/auth/pair', { code, deviceName: 'First' })).status).toBe(201)
    expectApiError(await anonymous.post('/auth/pair', { code, deviceName: 'Second' }), 409, 'pairing_code_used')
    const expired = await newCode()
    await ctx.db.all('update pairing_codes set expires_at = ? where used_at is null returning code_hash', [new Date(Date.now() - 1000).toISOString()])
    expectApiError(await anonymous.post('/auth/pair', { code: expired.code, deviceName: 'Late' }), 410, 'pairing_code_expired')
    expectApiError(await anonymous.post('/auth/pair', { code: 'ABCDEFGH', deviceName: 'Guess' }), 404, 'pairing_code_not_found')
    expectApiError(await anonymous.post('/auth/pair', { code: 'ABC0EFGH', deviceName: 'Zero' }), 400, 'validation_failed')
    expectApiError(await anonymous.post('/auth/pair', { code: 'ABCDEFG', deviceName: 'Short' }), 400, 'validation_failed')
    expectApiError(await anonymous.post('/auth/pair', { deviceName: 'No code' }), 400, 'validation_failed')
    expectApiError(await anonymous.post('/auth/pair', { code: 'ABCDEFGH', deviceName: 'x'.repeat(101) }), 400, 'validation_failed')
    expectApiError(await owner.post('/devices/pairing-codes', { name: 'x'.repeat(101) }), 400, 'validation_failed')
  })

  it('revoking a device: 204, its token fails at once and its open stream closes at once', async () => {
    const { api: device, deviceId } = await pairDevice(ctx.server, owner, 'Kitchen')
    const { client } = await connectStream(ctx.server, device.token!)
    expect((await del(owner, `/devices/${deviceId}`)).status).toBe(204)
    await waitUntil(() => client.ended, 'the device stream to close', 3000)
    expectApiError(await device.get('/analytics/summary'), 401, 'unauthorized')
    expect((await owner.get('/devices')).body.devices.map((d: any) => d.id)).not.toContain(deviceId)
    expectApiError(await del(owner, `/devices/${deviceId}`), 404, 'device_not_found')
    expectApiError(await del(owner, '/devices/nope'), 404, 'device_not_found')
  })

  it('guessing codes is rate limited like sign-in: 429 with Retry-After, even for the right code', async () => {
    const real = await newCode()
    let refused
    for (let i = 0; i < MAX_GUESSES + 2 && !refused; i++) {
      const guess = await anonymous.post('/auth/pair', { code: `ZZZZZZ${'23456789'[i % 8]}${'ABCDEFGH'[i % 8]}`, deviceName: 'Guesser' })
      if (guess.status === 429)
        refused = guess
    }
    expect(refused).toBeDefined()
    expectApiError(refused!, 429, 'too_many_attempts')
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0)
    expectApiError(await anonymous.post('/auth/pair', { code: real.code, deviceName: 'Real' }), 429, 'too_many_attempts')
  })
}, { db: true, env: { PULSE_LOGIN_MAX_FAILURES: String(MAX_GUESSES) } })
