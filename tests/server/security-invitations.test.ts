import type { Api } from '../helpers/api'
import type { StateBackend } from './security-support'
import { beforeAll, describe, expect, it } from 'vitest'
import { Api as Client, registerStore } from '../helpers/api'
import { PASSWORD, STATE_BACKENDS, uniqueEmail, useServerOn } from './security-support'
import { expectApiError } from './support/api'
import { MEMBER_PASSWORD } from './support/team'

const MAX_FAILURES = 5

describe.each(STATE_BACKENDS)('accepting an invitation is no password check on %s', (backend: StateBackend) => {
  const ctx = useServerOn(backend, { PULSE_TRUST_PROXY: '1', PULSE_LOGIN_MAX_FAILURES: String(MAX_FAILURES) })
  const anonymous = () => new Client(ctx.server.url)
  let address = 0
  // Every request from an address of its own: only the per-email counter can stop what the test sends.
  const fresh = () => ({ 'x-forwarded-for': `10.77.${Math.floor(address / 250)}.${address++ % 250}` })
  let attacker: Api

  beforeAll(async () => {
    attacker = (await registerStore(ctx.server.url)).api
  })

  async function invite(): Promise<string> {
    const invitation = await attacker.post('/team/invitations', { role: 'staff' })
    expect(invitation.status).toBe(201)
    return invitation.body.token
  }

  const accept = (token: string, email: string, password: string) => anonymous().post('/auth/accept-invitation', { token, email, password }, fresh())

  it('a victim\'s right password in the attacker\'s invitation joins nothing and gives no session', async () => {
    const victim = await registerStore(ctx.server.url)
    const refused = await accept(await invite(), victim.auth.user.email, PASSWORD)
    expectApiError(refused, 409, 'email_taken')
    expect(refused.headers.getSetCookie()).toEqual([])
    expect((await attacker.get('/team')).body.members.map((m: any) => m.userId)).not.toContain(victim.auth.user.id)
  })

  it('an account locked for sign-in answers 429 there too, even to its right password', async () => {
    const victim = await registerStore(ctx.server.url)
    for (let i = 0; i < MAX_FAILURES; i++)
      expectApiError(await anonymous().post('/auth/login', { email: victim.auth.user.email, password: `wrong horse ${i}` }, fresh()), 401, 'invalid_credentials')
    expectApiError(await anonymous().post('/auth/login', { email: victim.auth.user.email, password: PASSWORD }, fresh()), 429, 'too_many_attempts')
    const refused = await accept(await invite(), victim.auth.user.email, PASSWORD)
    expectApiError(refused, 429, 'too_many_attempts')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('attempts there count against the email\'s sign-in limit: past it, sign-in answers 429', async () => {
    const victim = await registerStore(ctx.server.url)
    const token = await invite()
    for (let i = 0; i < MAX_FAILURES; i++)
      expectApiError(await accept(token, victim.auth.user.email, `guess horse battery ${i}`), 409, 'email_taken')
    expectApiError(await accept(token, victim.auth.user.email, PASSWORD), 429, 'too_many_attempts')
    expectApiError(await anonymous().post('/auth/login', { email: victim.auth.user.email, password: PASSWORD }, fresh()), 429, 'too_many_attempts')
  })

  it('answers an existing email and an unknown one alike for a weak password, and a new account\'s sign-up costs nothing', async () => {
    const victim = await registerStore(ctx.server.url)
    const token = await invite()
    const known = await accept(token, victim.auth.user.email, 'password1')
    const unknown = await accept(token, uniqueEmail('nobody'), 'password1')
    expectApiError(known, 400, 'weak_password')
    expect({ status: unknown.status, body: unknown.body }).toEqual({ status: known.status, body: known.body })
    // Weak passwords checked nothing: they used up no failure of the email.
    for (let i = 0; i < MAX_FAILURES; i++)
      expectApiError(await accept(token, victim.auth.user.email, 'password1'), 400, 'weak_password')
    expect((await anonymous().post('/auth/login', { email: victim.auth.user.email, password: PASSWORD }, fresh())).status).toBe(200)
    // A new account signs up and signs in as usual.
    const email = uniqueEmail('hire')
    expect((await accept(token, email, MEMBER_PASSWORD)).status).toBe(201)
    expect((await anonymous().post('/auth/login', { email, password: MEMBER_PASSWORD }, fresh())).status).toBe(200)
  })
})
