import type { StateBackend } from './security-support'
import { describe, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { PASSWORD, STATE_BACKENDS, useServerOn } from './security-support'
import { expectApiError } from './support/api'
import { connectStream } from './support/stream'

const CHROME_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36'
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'

describe.each(STATE_BACKENDS)('sessions on %s', (backend: StateBackend) => {
  const ctx = useServerOn(backend)

  async function signIn(email: string, userAgent: string): Promise<Api> {
    const response = await new Api(ctx.server.url).post('/auth/login', { email, password: PASSWORD }, { 'user-agent': userAgent })
    expect(response.status).toBe(200)
    return new Api(ctx.server.url, response.body.token)
  }

  it('lists the user\'s sessions with device, creation, last use and the current one, and nobody else\'s', async () => {
    const { api: first, auth } = await registerStore(ctx.server.url)
    const laptop = await signIn(auth.user.email, CHROME_LINUX)
    const phone = await signIn(auth.user.email, SAFARI_IPHONE)
    await registerStore(ctx.server.url)

    const listed = await laptop.get('/auth/sessions')
    expect(listed.status).toBe(200)
    expect(listed.headers.get('cache-control')).toBe('no-store')
    const sessions = listed.body.sessions as any[]
    expect(sessions).toHaveLength(3)
    for (const session of sessions) {
      expect(session).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), device: expect.any(String), userAgent: expect.toBeOneOf([expect.any(String), null]), createdAt: expect.any(String), lastUsedAt: expect.any(String), current: expect.any(Boolean) })
      expect(Date.parse(session.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(session.createdAt))
    }
    expect(sessions.filter(s => s.current).map(s => s.device)).toEqual(['Chrome on Linux'])
    expect(sessions.map(s => s.device)).toContain('Safari on iOS')
    // No token, and not the key a token is stored under.
    const text = JSON.stringify(listed.body)
    for (const api of [first, laptop, phone])
      expect(text).not.toContain(api.token)
    expect((await phone.get('/auth/sessions')).body.sessions.find((s: any) => s.current).device).toBe('Safari on iOS')
  })

  it('ends one session by its id, closing its streams; other users\' ids are 404', async () => {
    const { auth } = await registerStore(ctx.server.url)
    const laptop = await signIn(auth.user.email, CHROME_LINUX)
    const phone = await signIn(auth.user.email, SAFARI_IPHONE)
    const { client } = await connectStream(ctx.server, phone.token!)
    const phoneId = (await phone.get('/auth/sessions')).body.sessions.find((s: any) => s.current).id

    const { api: stranger } = await registerStore(ctx.server.url)
    expectApiError(await stranger.request('DELETE', `/auth/sessions/${phoneId}`), 404, 'session_not_found')
    expectApiError(await laptop.request('DELETE', '/auth/sessions/not-a-session'), 404, 'session_not_found')
    expect((await phone.get('/auth/me')).status).toBe(200)

    expect((await laptop.request('DELETE', `/auth/sessions/${phoneId}`)).status).toBe(204)
    await client.waitForEnd(5000)
    expectApiError(await phone.get('/auth/me'), 401, 'unauthorized')
    expect((await laptop.get('/auth/me')).status).toBe(200)
    expect((await laptop.get('/auth/sessions')).body.sessions.map((s: any) => s.id)).not.toContain(phoneId)
  })

  it('signs out everywhere: every token of the user stops working and every stream closes', async () => {
    const { api: first, auth } = await registerStore(ctx.server.url)
    const laptop = await signIn(auth.user.email, CHROME_LINUX)
    const phone = await signIn(auth.user.email, SAFARI_IPHONE)
    const { api: bystander } = await registerStore(ctx.server.url)
    const streams = await Promise.all([first, phone].map(api => connectStream(ctx.server, api.token!)))
    const { client: bystanderStream } = await connectStream(ctx.server, bystander.token!)

    const response = await laptop.post('/auth/logout-everywhere')
    expect(response.status).toBe(204)
    expect(response.headers.getSetCookie().join(';')).toMatch(/pulse_session=;|Max-Age=0/i)
    await Promise.all(streams.map(({ client }) => client.waitForEnd(5000)))
    for (const api of [first, laptop, phone])
      expectApiError(await api.get('/auth/me'), 401, 'unauthorized')
    expect((await bystander.get('/auth/me')).status).toBe(200)
    expect(bystanderStream.ended).toBe(false)
    bystanderStream.close()
    const again = await signIn(auth.user.email, CHROME_LINUX)
    expect((await again.get('/auth/sessions')).body.sessions).toHaveLength(1)
  })
})
