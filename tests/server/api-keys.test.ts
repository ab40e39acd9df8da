import { beforeAll, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { waitUntil } from '../helpers/wait'
import { expectApiError, orderBody } from './support/api'
import { connectStream } from './support/stream'
import { createKey, del } from './support/team'

describeWithServer('API keys', (ctx) => {
  let owner: Api

  beforeAll(async () => {
    owner = (await registerStore(ctx.server.url)).api
  })

  it('creates a key: 201 with the key once (pulse_sk_ + 256 bits base62), stored as a hash; listed with its prefix only', async () => {
    const created = await owner.post('/api-keys', { name: 'Online shop', scopes: ['orders:write', 'orders:read', 'orders:write'] })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({ id: expect.any(String), name: 'Online shop', scopes: ['orders:read', 'orders:write'], prefix: expect.any(String), key: expect.stringMatching(/^pulse_sk_[0-9A-Za-z]{43}$/), createdAt: expect.any(String) })
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true)
    expect(created.body.prefix).toMatch(/^pulse_sk_[0-9A-Za-z]{6}$/)
    expect(created.headers.getSetCookie()).toEqual([])
    const listed = await owner.get('/api-keys')
    expect(listed.body.apiKeys).toContainEqual({ id: created.body.id, name: 'Online shop', scopes: ['orders:read', 'orders:write'], prefix: created.body.prefix, createdAt: created.body.createdAt, lastUsedAt: null })
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key)
    const rows = await ctx.db.all<Record<string, unknown>>('select * from api_keys where id = ?', [created.body.id])
    expect(JSON.stringify(rows)).not.toContain(created.body.key)
    expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('a key with orders:write creates orders idempotently and takes payments; no cookie; lastUsedAt is recorded', async () => {
    const { api: till, keyId } = await createKey(ctx.server, owner, ['orders:write'], 'Till 1')
    const first = await till.post('/orders', orderBody(), { 'idempotency-key': 'till-1-sale-1' })
    expect(first.status).toBe(201)
    expect(first.headers.getSetCookie()).toEqual([])
    expect(first.body.createdBy).toEqual({ type: 'api_key', id: keyId, name: 'Till 1' })
    const replay = await till.post('/orders', orderBody(), { 'idempotency-key': 'till-1-sale-1' })
    expect(replay.status).toBe(200)
    expect(replay.body.id).toBe(first.body.id)
    const paid = await till.post(`/orders/${first.body.id}/payments`, { amountCents: first.body.totalCents, method: 'card' })
    expect(paid.status).toBe(201)
    expect(paid.body.payment.receivedBy).toEqual({ type: 'api_key', id: keyId, name: 'Till 1' })
    const listed = (await owner.get('/api-keys')).body.apiKeys.find((k: any) => k.id === keyId)
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000)
  })

  it('outside its scopes: 403 insufficient_scope; team, devices and keys: 403 forbidden for any key', async () => {
    const { api: reader } = await createKey(ctx.server, owner, ['orders:read'])
    const order = (await owner.post('/orders', orderBody())).body
    expect((await reader.get(`/orders/${order.id}`)).status).toBe(200)
    expectApiError(await reader.post('/orders', orderBody()), 403, 'insufficient_scope')
    expectApiError(await reader.patch(`/orders/${order.id}`, { status: 'cancelled' }), 403, 'insufficient_scope')
    expectApiError(await reader.get('/analytics/summary'), 403, 'insufficient_scope')
    const { api: all } = await createKey(ctx.server, owner, ['orders:write', 'orders:read', 'analytics:read', 'events:read'])
    for (const [method, path, body] of [['GET', '/team'], ['POST', '/team/invitations', { role: 'owner' }], ['GET', '/devices'], ['POST', '/devices/pairing-codes', {}], ['GET', '/api-keys'], ['POST', '/api-keys', { name: 'x', scopes: ['orders:read'] }], ['GET', '/store'], ['PATCH', '/store', { staffCanSeeToday: true }]] as const)
      expectApiError(await all.request(method, path, body), 403, 'forbidden')
    expect((await all.get('/auth/me')).body).toMatchObject({ user: null, role: null, actor: { type: 'api_key' } })
    // A key is no session: it cannot sign out, nor accept an invitation.
    expectApiError(await all.post('/auth/logout'), 401, 'unauthorized')
    expectApiError(await all.post('/auth/accept-invitation', { token: 'x'.repeat(43) }), 403, 'forbidden')
  })

  it('revoking a key: 204, it fails at once, and its open stream closes at once', async () => {
    const { api: key, keyId } = await createKey(ctx.server, owner, ['events:read', 'orders:read'])
    const { client } = await connectStream(ctx.server, key.token!)
    const second = await connectStream(ctx.server, key.token!)
    const created = (await owner.post('/orders', orderBody())).body
    await client.waitForEvents(1)
    expect(client.events()[0].data).toMatchObject({ type: 'order_created', order: { id: created.id } })
    expect((await del(owner, `/api-keys/${keyId}`)).status).toBe(204)
    await waitUntil(() => client.ended && second.client.ended, 'the key\'s streams to close', 3000)
    expectApiError(await key.get('/orders'), 401, 'unauthorized')
    expect((await owner.get('/api-keys')).body.apiKeys.map((k: any) => k.id)).not.toContain(keyId)
    expectApiError(await del(owner, `/api-keys/${keyId}`), 404, 'api_key_not_found')
  })

  it('a stream of a key outlives heartbeats (its session is kept, not expired)', async () => {
    const { api: key } = await createKey(ctx.server, owner, ['events:read'])
    const { client } = await connectStream(ctx.server, key.token!)
    await client.waitFor(messages => messages.filter(m => m.event === 'heartbeat').length >= 2, 10_000, '2 heartbeats')
    expect(client.ended).toBe(false)
    client.close()
  })

  it('a key is never a session cookie: 401 on GET and POST, and nothing is written', async () => {
    const { key } = await createKey(ctx.server, owner, ['orders:read', 'orders:write', 'events:read'], 'Cookie jar')
    const before = (await owner.get('/orders?limit=100')).body.orders.length
    const asCookie = new Api(ctx.server.url)
    const cookie = { 'cookie': `pulse_session=${key}`, 'sec-fetch-site': 'same-origin' }
    expectApiError(await asCookie.request('GET', '/orders', undefined, cookie), 401, 'unauthorized')
    expectApiError(await asCookie.request('POST', '/orders', orderBody(), cookie), 401, 'unauthorized')
    expect((await fetch(`${ctx.server.url}/api/v1/events/stream`, { headers: cookie })).status).toBe(401)
    expect((await owner.get('/orders?limit=100')).body.orders.length).toBe(before)
    // The same key in the Authorization header still works.
    expect((await new Api(ctx.server.url, key).get('/orders')).status).toBe(200)
  })

  it('refuses bad input and unknown keys', async () => {
    expectApiError(await owner.post('/api-keys', { name: 'x', scopes: ['admin'] }), 400, 'validation_failed')
    expectApiError(await owner.post('/api-keys', { name: 'x', scopes: [] }), 400, 'validation_failed')
    expectApiError(await owner.post('/api-keys', { scopes: ['orders:read'] }), 400, 'validation_failed')
    expectApiError(await owner.post('/api-keys', { name: '', scopes: ['orders:read'] }), 400, 'validation_failed')
    expectApiError(await new Api(ctx.server.url, `pulse_sk_${'a'.repeat(43)}`).get('/orders'), 401, 'unauthorized')
    expect((await owner.get('/api-keys')).body.apiKeys.map((k: any) => k.name)).not.toContain('x')
  })
}, { db: true, env: { PULSE_HEARTBEAT_MS: '300' } })
