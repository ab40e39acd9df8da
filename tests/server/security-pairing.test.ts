import type { StateBackend } from './security-support'
import { describe, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { STATE_BACKENDS, useServerOn } from './security-support'
import { expectApiError } from './support/api'

const PER_ADDRESS = 10
const GLOBAL = 30
const WRONG = 'ZZZZZZZZ'

describe.each(STATE_BACKENDS)('guessing pairing codes from many addresses on %s', (backend: StateBackend) => {
  const ctx = useServerOn(backend, { PULSE_TRUST_PROXY: '1', PULSE_LOGIN_MAX_FAILURES: String(PER_ADDRESS), PULSE_PAIR_MAX_FAILURES: String(GLOBAL) })
  const pair = (code: string, address: string) => new Api(ctx.server.url).post('/auth/pair', { code, deviceName: 'Till' }, { 'x-forwarded-for': address })

  it('counts IPv6 clients by their /64: other addresses of the same /64 share its limit', async () => {
    for (let i = 0; i < PER_ADDRESS; i++)
      expectApiError(await pair(WRONG, `2001:db8:77:1:${i.toString(16)}::${i + 1}`), 404, 'pairing_code_not_found')
    expectApiError(await pair(WRONG, '2001:db8:77:1:ffff:ffff:ffff:fffe'), 429, 'too_many_attempts')
    expectApiError(await pair(WRONG, '2001:db8:77:2::1'), 404, 'pairing_code_not_found')
  })

  it('bounds wrong guesses from all addresses together: past PULSE_PAIR_MAX_FAILURES even the right code waits', async () => {
    const { api: owner } = await registerStore(ctx.server.url)
    const code = (await owner.post('/devices/pairing-codes', {})).body.code
    const statuses: number[] = []
    // Each guess from an address (and a /64) of its own: only the global bound can stop them.
    for (let i = 0; i < GLOBAL + 5; i++)
      statuses.push((await pair(WRONG, `198.18.${Math.floor(i / 200)}.${i % 200}`)).status)
    const checked = statuses.filter(status => status === 404).length
    // The test before spent PER_ADDRESS + 1 of the window's failures: in all, exactly the bound were checked.
    expect(checked).toBe(GLOBAL - PER_ADDRESS - 1)
    expect(statuses.slice(checked).every(status => status === 429)).toBe(true)
    const refused = await pair(code, '192.0.2.200')
    expectApiError(refused, 429, 'too_many_attempts')
    expect(refused.body.message).toContain(String(GLOBAL))
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await owner.get('/devices')).body.devices).toEqual([])
  })
})
