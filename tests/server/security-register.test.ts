import type { StateBackend } from './security-support'
import { describe, expect, it } from 'vitest'
import { Api } from '../helpers/api'
import { PASSWORD, STATE_BACKENDS, uniqueEmail, useServerOn } from './security-support'
import { expectApiError } from './support/api'

const from = (address: string) => ({ 'x-forwarded-for': address })

function register(api: Api, address: string, overrides: Record<string, unknown> = {}) {
  return api.post('/auth/register', { email: uniqueEmail('reg'), password: PASSWORD, storeName: 'Shop', ...overrides }, from(address))
}

describe.each(STATE_BACKENDS)('registration limits on %s', (backend: StateBackend) => {
  const ctx = useServerOn(backend, { PULSE_TRUST_PROXY: '1', PULSE_REGISTER_MAX_PER_HOUR: '3', PULSE_LOGIN_MAX_FAILURES: '3' })
  const anonymous = () => new Api(ctx.server.url)

  it('allows PULSE_REGISTER_MAX_PER_HOUR registrations per address, however many arrive at once', async () => {
    const burst = await Promise.all(Array.from({ length: 20 }, () => register(anonymous(), '10.60.0.1')))
    expect(burst.filter(r => r.status === 201)).toHaveLength(3)
    const refused = burst.filter(r => r.status !== 201)
    expect(refused).toHaveLength(17)
    for (const response of refused) {
      expectApiError(response, 429, 'too_many_attempts')
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(3000)
    }
    expect((await register(anonymous(), '10.60.0.2')).status).toBe(201)
  })

  it('makes a taken email cost the address a sign-in failure, so registering probes emails no faster than signing in', async () => {
    const taken = uniqueEmail('taken')
    expect((await register(anonymous(), '10.61.0.1', { email: taken })).status).toBe(201)
    for (let i = 0; i < 2; i++)
      expectApiError(await register(anonymous(), '10.61.0.2', { email: taken }), 409, 'email_taken')
    expectApiError(await anonymous().post('/auth/login', { email: uniqueEmail('nobody'), password: 'wrong horse' }, from('10.61.0.2')), 401, 'invalid_credentials')
    // Three failures: the address may neither sign in nor register (and so learn about another email).
    expectApiError(await anonymous().post('/auth/login', { email: taken, password: PASSWORD }, from('10.61.0.2')), 429, 'too_many_attempts')
    expectApiError(await register(anonymous(), '10.61.0.2', { email: uniqueEmail('probe') }), 429, 'too_many_attempts')
  })

  it('refuses registrations from an address blocked for sign-in', async () => {
    for (let i = 0; i < 3; i++)
      expectApiError(await anonymous().post('/auth/login', { email: uniqueEmail('guess'), password: 'wrong horse' }, from('10.62.0.1')), 401, 'invalid_credentials')
    expectApiError(await register(anonymous(), '10.62.0.1'), 429, 'too_many_attempts')
  })
})

describe.each(STATE_BACKENDS.filter(b => b !== 'redis'))('passwords and the hash queue on %s', (backend) => {
  const ctx = useServerOn(backend)
  const anonymous = () => new Api(ctx.server.url)

  it('refuses common, breached and guessable passwords with 400 weak_password, creating nothing', async () => {
    const email = uniqueEmail('weak')
    for (const password of ['12345678', '        ', 'password1', 'qwertyuiop', 'iloveyou123', 'P@ssw0rd!', email, `${email.split('@')[0]}1`]) {
      const response = await anonymous().post('/auth/register', { email, password, storeName: 'Weak' })
      expectApiError(response, 400, 'weak_password')
      expect(response.body.message).toMatch(/too easy to guess/)
    }
    expectApiError(await anonymous().post('/auth/register', { email, password: 'short77', storeName: 'Weak' }), 400, 'validation_failed')
    expectApiError(await anonymous().post('/auth/login', { email, password: '12345678' }), 401, 'invalid_credentials')
    for (const password of [PASSWORD, 'pulse-demo', 'Tr0ub4dor&3', 'paarden batterij nietje'])
      expect((await anonymous().post('/auth/register', { email: uniqueEmail('strong'), password, storeName: 'Strong' })).status).toBe(201)
  })

  it('keeps sign-in fast while 40 registrations arrive at once', async () => {
    const email = uniqueEmail('fast')
    expect((await anonymous().post('/auth/register', { email, password: PASSWORD, storeName: 'Fast' })).status).toBe(201)
    const signIn = async () => {
      const started = performance.now()
      expect((await anonymous().post('/auth/login', { email, password: PASSWORD })).status).toBe(200)
      return performance.now() - started
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
    const quiet: number[] = []
    for (let i = 0; i < 5; i++)
      quiet.push(await signIn())
    const flood = Promise.all(Array.from({ length: 40 }, (_, i) => anonymous().post('/auth/register', { email: uniqueEmail(`flood${i}`), password: PASSWORD, storeName: 'Flood' })))
    const state = { flooding: true }
    void flood.then(() => {
      state.flooding = false
    })
    const latencies: number[] = []
    while (state.flooding)
      latencies.push(await signIn())
    const statuses = (await flood).map(r => r.status)
    // Past the queue's length registrations are turned away with 503 busy, never held for seconds.
    expect(statuses.every(status => status === 201 || status === 503)).toBe(true)
    // Before the queue a sign-in took 2-7 s during the flood (12-40 times a quiet one); with it about
    // 0.2-0.9 s on two busy cores. Relative to a quiet sign-in, so that a loaded machine does not fail it.
    expect(median(latencies)).toBeLessThan(Math.max(1000, 4 * median(quiet)))
  }, 120_000)

  it('logs a 503 busy as one short line, never as an unhandled error with a stack', async () => {
    const logged = ctx.server.output().length
    const flood = await Promise.all(Array.from({ length: 60 }, (_, i) => anonymous().post('/auth/register', { email: uniqueEmail(`busy${i}`), password: PASSWORD, storeName: 'Busy' })))
    const busy = flood.filter(response => response.status === 503)
    expect(busy.length).toBeGreaterThan(0)
    for (const response of busy)
      expectApiError(response, 503, 'busy')
    const lines = ctx.server.output().slice(logged).split('\n')
    expect(lines.filter(line => line.includes('unhandled error') || /^\s+at /.test(line))).toEqual([])
    expect(lines.filter(line => line.includes('busy'))).toHaveLength(busy.length)
  }, 120_000)
})
