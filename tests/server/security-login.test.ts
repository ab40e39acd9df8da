import type { StateBackend } from './security-support'
import { describe, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { PASSWORD, STATE_BACKENDS, uniqueEmail, useServerOn } from './security-support'
import { expectApiError } from './support/api'

const MAX_FAILURES = 10

function tally(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {}
  for (const status of statuses)
    counts[status] = (counts[status] ?? 0) + 1
  return counts
}

describe.each(STATE_BACKENDS)('sign-in limit under concurrency on %s', (backend: StateBackend) => {
  const ctx = useServerOn(backend, { PULSE_TRUST_PROXY: '1' })
  const anonymous = () => new Api(ctx.server.url)

  const from = (address: string) => ({ 'x-forwarded-for': address })

  it('checks at most PULSE_LOGIN_MAX_FAILURES of 5 × 50 concurrent guesses per email, then refuses the right password', async () => {
    const { auth } = await registerStore(ctx.server.url)
    const statuses: number[] = []
    for (let round = 0; round < 5; round++) {
      // Each guess from its own address: only the email's counter can stop them.
      const burst = await Promise.all(Array.from({ length: 50 }, (_, i) => anonymous().post('/auth/login', { email: auth.user.email, password: `wrong horse ${i}` }, from(`10.20.${round}.${i}`))))
      statuses.push(...burst.map(r => r.status))
    }
    expect(tally(statuses)).toEqual({ 401: MAX_FAILURES, 429: 250 - MAX_FAILURES })
    const right = await anonymous().post('/auth/login', { email: auth.user.email, password: PASSWORD }, from('10.20.9.9'))
    expectApiError(right, 429, 'too_many_attempts')
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(right.headers.getSetCookie()).toEqual([])
  })

  it('checks at most PULSE_LOGIN_MAX_FAILURES of 5 × 50 concurrent guesses from one address, whatever the emails', async () => {
    const { auth } = await registerStore(ctx.server.url)
    const statuses: number[] = []
    for (let round = 0; round < 5; round++) {
      const burst = await Promise.all(Array.from({ length: 50 }, (_, i) => anonymous().post('/auth/login', { email: uniqueEmail(`guess${round}-${i}`), password: 'wrong horse' }, from('10.30.0.1'))))
      statuses.push(...burst.map(r => r.status))
    }
    expect(tally(statuses)).toEqual({ 401: MAX_FAILURES, 429: 250 - MAX_FAILURES })
    expectApiError(await anonymous().post('/auth/login', { email: auth.user.email, password: PASSWORD }, from('10.30.0.1')), 429, 'too_many_attempts')
    expect((await anonymous().post('/auth/login', { email: auth.user.email, password: PASSWORD }, from('10.30.0.2'))).status).toBe(200)
  })

  it('does not let successful sign-ins use up the limit, even concurrently', async () => {
    const { auth } = await registerStore(ctx.server.url)
    const signIn = () => anonymous().post('/auth/login', { email: auth.user.email, password: PASSWORD }, from('10.40.0.1'))
    const burst = await Promise.all(Array.from({ length: MAX_FAILURES }, signIn))
    expect(burst.map(r => r.status)).toEqual(Array.from({ length: MAX_FAILURES }, () => 200))
    // More at once than the limit may meet 429 while the others are in flight, but leave nothing behind.
    await Promise.all(Array.from({ length: 3 * MAX_FAILURES }, signIn))
    for (let i = 0; i < MAX_FAILURES + 2; i++)
      expect((await signIn()).status).toBe(200)
  })

  it('the person signed in on another device lifts their email\'s lock-out; the guessing address stays blocked', async () => {
    const { api, auth } = await registerStore(ctx.server.url)
    const email = auth.user.email
    for (let i = 0; i < MAX_FAILURES; i++)
      expectApiError(await anonymous().post('/auth/login', { email, password: `wrong horse ${i}` }, from('10.60.0.1')), 401, 'invalid_credentials')
    expectApiError(await anonymous().post('/auth/login', { email, password: PASSWORD }, from('10.60.0.2')), 429, 'too_many_attempts')
    const key = (await api.post('/api-keys', { name: 'Till', scopes: ['orders:read'] })).body.key
    expectApiError(await new Api(ctx.server.url, key).request('DELETE', '/auth/login-lock'), 403, 'forbidden')
    expectApiError(await anonymous().request('DELETE', '/auth/login-lock'), 401, 'unauthorized')
    expectApiError(await anonymous().post('/auth/login', { email, password: PASSWORD }, from('10.60.0.2')), 429, 'too_many_attempts')
    expect((await api.request('DELETE', '/auth/login-lock')).status).toBe(204)
    expect((await anonymous().post('/auth/login', { email, password: PASSWORD }, from('10.60.0.2'))).status).toBe(200)
    expectApiError(await anonymous().post('/auth/login', { email, password: PASSWORD }, from('10.60.0.1')), 429, 'too_many_attempts')
  })

  it('takes the address from the proxy\'s own X-Forwarded-For entry, not one the client wrote', async () => {
    const { auth } = await registerStore(ctx.server.url)
    for (let i = 0; i < MAX_FAILURES; i++)
      await anonymous().post('/auth/login', { email: uniqueEmail('spoof'), password: 'wrong horse' }, from(`198.51.100.${i}, 10.50.0.1`))
    expectApiError(await anonymous().post('/auth/login', { email: auth.user.email, password: PASSWORD }, from('203.0.113.7, 10.50.0.1')), 429, 'too_many_attempts')
  })
})
