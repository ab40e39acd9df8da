import { beforeAll, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { expectApiError, orderBody, UNKNOWN_ID } from './support/api'

const PASSWORD = 'correct horse'

function uniqueEmail(tag: string): string {
  return `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`
}

function sessionCookie(headers: Headers): string {
  const cookie = headers.getSetCookie().find(c => c.startsWith('pulse_session='))
  if (!cookie)
    throw new Error(`no session cookie in ${JSON.stringify(headers.getSetCookie())}`)
  return cookie
}

function expectSessionCookie(headers: Headers, token: string): void {
  const cookie = sessionCookie(headers)
  const [pair, ...attributes] = cookie.split(';').map(part => part.trim())
  expect(pair).toBe(`pulse_session=${token}`)
  const names = attributes.map(a => a.split('=')[0].toLowerCase())
  expect(names).toContain('httponly')
  expect(attributes.map(a => a.toLowerCase())).toContain('samesite=lax')
  expect(attributes).toContain('Path=/')
  // Plain HTTP here: a Secure cookie would never come back.
  expect(names).not.toContain('secure')
}

describeWithServer('auth', (ctx) => {
  let anonymous: Api
  beforeAll(async () => {
    anonymous = new Api(ctx.server.url)
  })

  it('registers a store: 201 with user, store, a strong token and an HttpOnly SameSite=Lax cookie', async () => {
    const email = uniqueEmail('Reg').toUpperCase()
    const response = await anonymous.post('/auth/register', { email, password: PASSWORD, storeName: '  Corner Shop ', timeZone: 'Europe/Berlin', currency: 'EUR' })
    expect(response.status).toBe(201)
    const { user, store, token } = response.body
    expect(user).toEqual({ id: expect.any(String), email: email.toLowerCase(), storeId: store.id, createdAt: expect.any(String) })
    expect(store).toEqual({ id: expect.any(String), name: 'Corner Shop', timeZone: 'Europe/Berlin', currency: 'EUR', createdAt: expect.any(String) })
    // At least 128 random bits, base64url.
    expect(token).toMatch(/^[\w-]{22,}$/)
    expectSessionCookie(response.headers, token)
    expect(JSON.stringify(response.body)).not.toMatch(/password|hash|scrypt/i)

    const defaults = await anonymous.post('/auth/register', { email: uniqueEmail('defaults'), password: PASSWORD, storeName: 'Defaults' })
    expect(defaults.status).toBe(201)
    expect(defaults.body.store).toMatchObject({ timeZone: 'UTC', currency: 'USD' })
  })

  // With PULSE_TRUST_PROXY=1 the cookie is Secure behind an HTTPS proxy: tests/server/security-http.test.ts.
  it('ignores X-Forwarded-Proto for the cookie unless PULSE_TRUST_PROXY=1', async () => {
    const response = await anonymous.post('/auth/register', { email: uniqueEmail('secure'), password: PASSWORD, storeName: 'Secure' }, { 'x-forwarded-proto': 'https' })
    expect(response.status).toBe(201)
    expect(sessionCookie(response.headers).split(';').map(a => a.trim().toLowerCase())).not.toContain('secure')
  })

  it('rejects bad registrations with 400 and a taken email with 409, creating nothing', async () => {
    const email = uniqueEmail('taken')
    const valid = { email, password: PASSWORD, storeName: 'Taken' }
    const bad: Array<Record<string, unknown>> = [
      { ...valid, password: 'short77' },
      { ...valid, email: 'not-an-email' },
      { ...valid, storeName: '   ' },
      { ...valid, storeName: 'x'.repeat(101) },
      { ...valid, timeZone: 'Mars/Olympus' },
      { ...valid, currency: 'usd' },
      { ...valid, role: 'admin' },
      { email, storeName: 'Taken' },
    ]
    for (const body of bad) {
      const response = await anonymous.post('/auth/register', body)
      expectApiError(response, 400, 'validation_failed')
    }
    // None of them created the account: the email is still free.
    const first = await anonymous.post('/auth/register', valid)
    expect(first.status).toBe(201)
    const again = await anonymous.post('/auth/register', { ...valid, email: email.toUpperCase(), storeName: 'Other' })
    expectApiError(again, 409, 'email_taken')
    const login = await anonymous.post('/auth/login', { email, password: PASSWORD })
    expect(login.body.store.name).toBe('Taken')
  })

  it('logs in with 200, the same shape and a fresh cookie; wrong credentials get 401 invalid_credentials', async () => {
    const { auth } = await registerStore(ctx.server.url, { email: uniqueEmail('login') })
    const response = await anonymous.post('/auth/login', { email: auth.user.email.toUpperCase(), password: 'correct horse' })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ user: auth.user, store: auth.store, token: expect.any(String) })
    expect(response.body.token).not.toBe(auth.token)
    expectSessionCookie(response.headers, response.body.token)

    const wrong = await anonymous.post('/auth/login', { email: auth.user.email, password: 'wrong horse' })
    expectApiError(wrong, 401, 'invalid_credentials')
    expect(wrong.headers.getSetCookie()).toEqual([])
    expectApiError(await anonymous.post('/auth/login', { email: uniqueEmail('nobody'), password: PASSWORD }), 401, 'invalid_credentials')
    expectApiError(await anonymous.post('/auth/login', { email: auth.user.email }), 400, 'validation_failed')
  })

  it('answers /auth/me for a bearer token and for the cookie, 200 {user: null} when signed out, and 401 for a bad credential', async () => {
    const { api, auth } = await registerStore(ctx.server.url)
    const me = await api.get('/auth/me')
    expect(me.status).toBe(200)
    expect(me.body).toEqual({ user: auth.user, store: auth.store, role: 'owner', actor: { type: 'user', id: auth.user.id, name: auth.user.email }, permissions: expect.arrayContaining(['orders:refund', 'team:manage']), storeCount: 1, analyticsStoreCount: 1 })

    const byCookie = await anonymous.request('GET', '/auth/me', undefined, { cookie: `pulse_session=${auth.token}` })
    expect(byCookie.status).toBe(200)
    expect(byCookie.body.user.id).toBe(auth.user.id)

    // A new device asks who it is without a 401 in its console: no credential is signed out, not a failure.
    const signedOut = await anonymous.get('/auth/me')
    expect(signedOut.status).toBe(200)
    expect(signedOut.body).toEqual({ user: null, store: null })
    expectApiError(await anonymous.request('GET', '/auth/me', undefined, { cookie: 'pulse_session=not-a-real-token' }), 401, 'unauthorized')
    expectApiError(await new Api(ctx.server.url, 'not-a-real-token').get('/auth/me'), 401, 'unauthorized')
    expectApiError(await anonymous.request('GET', '/auth/me', undefined, { authorization: `Basic ${auth.token}` }), 401, 'unauthorized')
    // A credential in the URL is never accepted.
    expect((await anonymous.get(`/auth/me?token=${auth.token}`)).body).toEqual({ user: null, store: null })
  })

  it('logs out with 204, clears the cookie and revokes the token for every route', async () => {
    const { api, auth } = await registerStore(ctx.server.url)
    const other = await anonymous.post('/auth/login', { email: auth.user.email, password: PASSWORD })
    const order = await api.post('/orders', orderBody())
    expect(order.status).toBe(201)

    const logout = await api.post('/auth/logout')
    expect(logout.status).toBe(204)
    expect(logout.body).toBeNull()
    const cleared = sessionCookie(logout.headers)
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i)

    expectApiError(await api.get('/auth/me'), 401, 'unauthorized')
    expectApiError(await api.get('/orders'), 401, 'unauthorized')
    expectApiError(await api.get(`/orders/${order.body.id}`), 401, 'unauthorized')
    expectApiError(await api.post('/auth/logout'), 401, 'unauthorized')
    // Only that session ends: another sign-in of the same user still works.
    const stillIn = await new Api(ctx.server.url, other.body.token).get(`/orders/${order.body.id}`)
    expect(stillIn.status).toBe(200)

    // Logout by cookie works the same way.
    const byCookie = await anonymous.request('POST', '/auth/logout', undefined, { cookie: `pulse_session=${other.body.token}` })
    expect(byCookie.status).toBe(204)
    expectApiError(await new Api(ctx.server.url, other.body.token).get('/auth/me'), 401, 'unauthorized')
  })

  // GET /auth/me is not protected: without credentials it says "signed out" (above).
  it('answers 401 on every protected route without credentials, and changes nothing', async () => {
    const { api } = await registerStore(ctx.server.url)
    const order = await api.post('/orders', orderBody())
    const routes: Array<[string, string, unknown?]> = [
      ['POST', '/auth/logout'],
      ['GET', '/orders'],
      ['POST', '/orders', orderBody()],
      ['GET', `/orders/${order.body.id}`],
      ['GET', `/orders/${UNKNOWN_ID}`],
      ['PATCH', `/orders/${order.body.id}`, { status: 'cancelled' }],
      ['POST', `/orders/${order.body.id}/payments`, { amountCents: 100, method: 'cash' }],
      ['GET', '/analytics/summary'],
      ['GET', '/analytics/timeseries'],
      ['GET', '/analytics/top-products'],
      ['GET', '/events/stream'],
    ]
    for (const [method, path, body] of routes) {
      const response = await anonymous.request(method, path, body)
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 })
      expectApiError(response, 401, 'unauthorized')
    }
    const after = await api.get(`/orders/${order.body.id}`)
    expect(after.body).toEqual(order.body)
    const list = await api.get('/orders')
    expect(list.body.orders).toHaveLength(1)
  })

  it('answers health, and JSON 404 for unknown API routes', async () => {
    const health = await fetch(`${ctx.server.url}/api/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ ok: true })
    expectApiError(await anonymous.get('/no-such-route'), 404, 'not_found')
  })
})

describeWithServer('login rate limit', (ctx) => {
  let anonymous: Api
  beforeAll(async () => {
    anonymous = new Api(ctx.server.url)
  })

  const from = (address: string) => ({ 'x-forwarded-for': address })

  function expectTooMany(response: Awaited<ReturnType<Api['post']>>): void {
    expectApiError(response, 429, 'too_many_attempts')
    const retryAfter = Number(response.headers.get('retry-after'))
    expect(Number.isInteger(retryAfter)).toBe(true)
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(900)
  }

  it('limits failed sign-ins per email, whatever the address, with 429 and Retry-After', async () => {
    const { auth } = await registerStore(ctx.server.url)
    for (let i = 0; i < 3; i++) {
      const failed = await anonymous.post('/auth/login', { email: auth.user.email, password: 'wrong horse' }, from(`10.0.1.${i}`))
      expectApiError(failed, 401, 'invalid_credentials')
    }
    // Even the right password is refused now, from a fresh address too; no session is created.
    const limited = await anonymous.post('/auth/login', { email: auth.user.email, password: PASSWORD }, from('10.0.1.200'))
    expectTooMany(limited)
    expect(limited.headers.getSetCookie()).toEqual([])
    // Another account is not affected.
    const { auth: other } = await registerStore(ctx.server.url)
    const fine = await anonymous.post('/auth/login', { email: other.user.email, password: PASSWORD }, from('10.0.1.201'))
    expect(fine.status).toBe(200)
  })

  it('limits failed sign-ins per address, whatever the email', async () => {
    const { auth } = await registerStore(ctx.server.url)
    for (let i = 0; i < 3; i++) {
      const failed = await anonymous.post('/auth/login', { email: uniqueEmail(`guess${i}`), password: 'wrong horse' }, from('10.0.2.1'))
      expectApiError(failed, 401, 'invalid_credentials')
    }
    expectTooMany(await anonymous.post('/auth/login', { email: auth.user.email, password: PASSWORD }, from('10.0.2.1')))
    const elsewhere = await anonymous.post('/auth/login', { email: auth.user.email, password: PASSWORD }, from('10.0.2.2'))
    expect(elsewhere.status).toBe(200)
  })

  it('does not count successful sign-ins as failures', async () => {
    const { auth } = await registerStore(ctx.server.url)
    for (let i = 0; i < 5; i++) {
      const ok = await anonymous.post('/auth/login', { email: auth.user.email, password: PASSWORD }, from('10.0.3.1'))
      expect(ok.status).toBe(200)
    }
  })
}, { env: { PULSE_LOGIN_MAX_FAILURES: '3', PULSE_TRUST_PROXY: '1' } })
