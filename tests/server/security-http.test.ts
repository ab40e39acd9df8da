import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { describe, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { BACKENDS } from '../helpers/databases'
import { waitUntil } from '../helpers/wait'
import { PASSWORD, startOn, uniqueEmail, useServerOn } from './security-support'
import { expectApiError } from './support/api'

/** Sends raw bytes on one connection; resolves with what came back and how long the server kept it open. */
function rawExchange(port: number, bytes: string, { closeAfterMs }: { closeAfterMs?: number } = {}): Promise<{ response: string, openMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    let response = ''
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(bytes)
      if (closeAfterMs !== undefined)
        setTimeout(() => socket.destroy(), closeAfterMs)
    })
    socket.on('data', (chunk) => {
      response += chunk
    })
    socket.on('close', () => resolve({ response, openMs: Date.now() - started }))
    socket.on('error', reject)
  })
}

function nonLoopbackAddress(): string | undefined {
  return Object.values(networkInterfaces()).flat().find(info => info && info.family === 'IPv4' && !info.internal)?.address
}

describe.each(BACKENDS)('browser protections on %s', (backend) => {
  const ctx = useServerOn(backend, { HOST: '0.0.0.0', PULSE_REQUEST_TIMEOUT_MS: '1500' })

  it('sends a strict CSP, nosniff, Referrer-Policy and Permissions-Policy with the app and its files', async () => {
    const html = await fetch(`${ctx.server.url}/`)
    const script = /<script[^>]+src="([^"]+)"/.exec(await html.text())?.[1]
    expect(script).toBeTruthy()
    for (const path of ['/', '/orders', '/sw.js', '/manifest.webmanifest', script!]) {
      const response = await fetch(`${ctx.server.url}${path}`)
      expect(response.status, path).toBe(200)
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp, path).toContain(`default-src 'self'`)
      expect(csp, path).toContain(`script-src 'self'`)
      expect(csp, path).toContain(`frame-ancestors 'none'`)
      expect(csp, path).not.toContain('unsafe-inline')
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin')
      for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()'])
        expect(response.headers.get('permissions-policy'), path).toContain(feature)
      expect(response.headers.get('strict-transport-security'), path).toBeNull()
    }
  })

  it('marks API answers nosniff and no-store, errors included; the stream keeps its own caching rule', async () => {
    const { api } = await registerStore(ctx.server.url)
    for (const response of [await api.get('/auth/me'), await api.get('/orders'), await api.get('/nope'), await new Api(ctx.server.url).get('/auth/me')]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(response.headers.get('content-security-policy')).toBe(`default-src 'none'; frame-ancestors 'none'`)
    }
    const controller = new AbortController()
    const stream = await fetch(`${ctx.server.url}/api/v1/events/stream`, { headers: { authorization: `Bearer ${api.token}` }, signal: controller.signal })
    expect(stream.headers.get('cache-control')).toMatch(/no-cache/)
    controller.abort()
  })

  it('trusts X-Forwarded-Proto for Secure cookies and HSTS only with PULSE_TRUST_PROXY=1', async () => {
    const viaProxy = { 'x-forwarded-proto': 'https' }
    const untrusted = await new Api(ctx.server.url).post('/auth/register', { email: uniqueEmail('proto'), password: PASSWORD, storeName: 'Proto' }, viaProxy)
    expect(untrusted.status).toBe(201)
    expect(untrusted.headers.getSetCookie()[0].toLowerCase()).not.toContain('secure')
    expect(untrusted.headers.get('strict-transport-security')).toBeNull()

    const proxied = await startOn(backend, { PULSE_TRUST_PROXY: '1' })
    try {
      const trusted = await new Api(proxied.url).post('/auth/register', { email: uniqueEmail('proto'), password: PASSWORD, storeName: 'Proto' }, viaProxy)
      expect(trusted.status).toBe(201)
      expect(trusted.headers.getSetCookie()[0].split(';').map(a => a.trim().toLowerCase())).toContain('secure')
      expect(trusted.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}/)
      expect((await fetch(`${proxied.url}/`, { headers: viaProxy })).headers.get('strict-transport-security')).toMatch(/^max-age=/)
      expect((await fetch(`${proxied.url}/`)).headers.get('strict-transport-security')).toBeNull()
    }
    finally {
      await proxied.dispose()
    }
  })

  it('answers metrics only to loopback addresses without PULSE_METRICS_TOKEN', async () => {
    expect((await fetch(`${ctx.server.url}/api/v1/metrics`)).status).toBe(200)
    // A forwarded address means nothing unless the proxy is trusted.
    expect((await fetch(`${ctx.server.url}/api/v1/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(200)
    const outside = nonLoopbackAddress()
    if (outside) {
      const response = await new Api(`http://${outside}:${ctx.server.port}`).get('/metrics')
      expectApiError(response, 403, 'forbidden')
      expect(response.body.message).toContain('PULSE_METRICS_TOKEN')
    }
    const proxied = await startOn(backend, { PULSE_TRUST_PROXY: '1' })
    try {
      expectApiError(await new Api(proxied.url).request('GET', '/metrics', undefined, { 'x-forwarded-for': '203.0.113.9' }), 403, 'forbidden')
      expect((await fetch(`${proxied.url}/api/v1/metrics`, { headers: { 'x-forwarded-for': '127.0.0.1' } })).status).toBe(200)
    }
    finally {
      await proxied.dispose()
    }
  })

  it('logs nothing for a body the client abandoned, and answers no 500', async () => {
    const before = ctx.server.output()
    for (const path of ['/api/v1/auth/login', '/api/v1/auth/register', '/api/v1/orders']) {
      const { response } = await rawExchange(ctx.server.port, `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":`, { closeAfterMs: 100 })
      expect(response).not.toMatch(/^HTTP\/1\.1 5/)
    }
    // Let the server notice the closed sockets before reading its log.
    await new Promise(resolve => setTimeout(resolve, 300))
    const logged = ctx.server.output().slice(before.length)
    expect(logged).not.toMatch(/unhandled|\n\s+at /)
    expect(logged.split('\n').filter(Boolean).length).toBeLessThanOrEqual(3)
    expect((await fetch(`${ctx.server.url}/api/health`)).status).toBe(200)
  })

  it('closes a connection whose body does not arrive within PULSE_REQUEST_TIMEOUT_MS, with 408', async () => {
    const { response, openMs } = await rawExchange(ctx.server.port, `POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":`)
    expect(response).toMatch(/^HTTP\/1\.1 408/)
    expect(response).toContain('request_timeout')
    expect(openMs).toBeGreaterThanOrEqual(1400)
    expect(openMs).toBeLessThan(5000)
    expect(ctx.server.output()).not.toMatch(/unhandled/)
  })

  it('refuses a cookie-authenticated write from another site with 403, before anything changes', async () => {
    const { api, auth } = await registerStore(ctx.server.url)
    const cookie = { cookie: `pulse_session=${auth.token}` }
    const anonymous = new Api(ctx.server.url)
    const crossSite = [
      { ...cookie, 'sec-fetch-site': 'cross-site', 'origin': 'https://evil.example' },
      { ...cookie, 'sec-fetch-site': 'same-site', 'origin': 'https://other.example' },
      { ...cookie, origin: 'https://evil.example' },
      { ...cookie, origin: 'null' },
    ]
    for (const headers of crossSite) {
      expectApiError(await anonymous.request('POST', '/orders', { items: [{ name: 'Tea', quantity: 1, unitPriceCents: 100 }] }, headers), 403, 'cross_site_request')
      expectApiError(await anonymous.request('POST', '/auth/logout', undefined, headers), 403, 'cross_site_request')
    }
    expectApiError(await anonymous.request('POST', '/auth/login', { email: auth.user.email, password: PASSWORD }, { 'sec-fetch-site': 'cross-site' }), 403, 'cross_site_request')
    expect((await api.get('/orders')).body.orders).toEqual([])
    // Pulse's own pages, clients without a browser's headers, and bearer tokens pass.
    const sameOrigin = await anonymous.request('POST', '/orders', { items: [{ name: 'Tea', quantity: 1, unitPriceCents: 100 }] }, { ...cookie, 'sec-fetch-site': 'same-origin', 'origin': ctx.server.url })
    expect(sameOrigin.status).toBe(201)
    expect((await anonymous.request('POST', '/orders', { items: [{ name: 'Tea', quantity: 1, unitPriceCents: 100 }] }, { ...cookie, origin: ctx.server.url })).status).toBe(201)
    expect((await anonymous.request('POST', '/orders', { items: [{ name: 'Tea', quantity: 1, unitPriceCents: 100 }] }, cookie)).status).toBe(201)
    expect((await api.request('POST', '/orders', { items: [{ name: 'Tea', quantity: 1, unitPriceCents: 100 }] }, { origin: 'https://partner.example' })).status).toBe(201)
    // Reads are not writes.
    expect((await anonymous.request('GET', '/auth/me', undefined, { ...cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(200)
    await waitUntil(async () => (await api.get('/orders')).body.orders.length === 4, 'four orders')
  })
})
