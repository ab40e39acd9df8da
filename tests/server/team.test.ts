import { beforeAll, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { waitUntil } from '../helpers/wait'
import { expectApiError, orderBody } from './support/api'
import { connectStream } from './support/stream'
import { addMember, del, MEMBER_PASSWORD, newEmail } from './support/team'

// Above the wrong tokens and emails the tests before the last one send from this address (each counts).
const MAX_GUESSES = 25

describeWithServer('team and invitations', (ctx) => {
  let owner: Api
  let ownerId: string
  let anonymous: Api

  beforeAll(async () => {
    const registered = await registerStore(ctx.server.url)
    owner = registered.api
    ownerId = registered.auth.user.id
    anonymous = new Api(ctx.server.url)
  })

  async function invite(body: Record<string, unknown> = { role: 'staff' }) {
    const response = await owner.post('/team/invitations', body)
    expect(response.status).toBe(201)
    return response.body
  }

  async function expireInvitation(id: string) {
    await ctx.db.all('update invitations set expires_at = ? where id = ? returning id', [new Date(Date.now() - 1000).toISOString(), id])
  }

  it('an invitation: 201 with its token once, in the link\'s fragment only; listed without it; 7 days', async () => {
    const before = Date.now()
    const invitation = await invite({ role: 'manager', email: 'New.Hire@Example.test' })
    expect(invitation).toEqual({ id: expect.any(String), role: 'manager', email: 'new.hire@example.test', token: expect.stringMatching(/^[\w-]{43}$/), url: expect.any(String), createdAt: expect.any(String), expiresAt: expect.any(String) })
    const url = new URL(invitation.url)
    expect(url.pathname).toBe('/join')
    expect(url.search).toBe('')
    expect(url.hash).toBe(`#token=${invitation.token}`)
    expect(Date.parse(invitation.expiresAt) - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000)
    expect(Date.parse(invitation.expiresAt) - before).toBeLessThan(7 * 86_400_000 + 60_000)
    const listed = await owner.get('/team/invitations')
    expect(listed.body.invitations).toContainEqual({ id: invitation.id, role: 'manager', email: 'new.hire@example.test', createdAt: invitation.createdAt, expiresAt: invitation.expiresAt })
    expect(JSON.stringify(listed.body)).not.toContain(invitation.token)
    // Stored hashed: the token appears in no row.
    const rows = await ctx.db.all<{ token_hash: string }>('select token_hash from invitations where id = ?', [invitation.id])
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(rows[0].token_hash).not.toContain(invitation.token)
  })

  it('a new member signs up from the invitation: 201 {user, store, role, token} + cookie, and appears in the team', async () => {
    const invitation = await invite({ role: 'staff' })
    const email = newEmail('hire')
    const accepted = await anonymous.post('/auth/accept-invitation', { token: invitation.token, email, password: MEMBER_PASSWORD })
    expect(accepted.status).toBe(201)
    expect(accepted.body).toEqual({ user: expect.objectContaining({ email }), store: expect.objectContaining({ id: (await owner.get('/auth/me')).body.store.id }), role: 'staff', token: expect.any(String) })
    expect(accepted.headers.getSetCookie().some(c => c.startsWith(`pulse_session=${accepted.body.token}`) && /HttpOnly/i.test(c))).toBe(true)
    const member = new Api(ctx.server.url, accepted.body.token)
    expect((await member.get('/auth/me')).body).toMatchObject({ role: 'staff', user: { email }, actor: { type: 'user', name: email } })
    const team = await owner.get('/team')
    expect(team.status).toBe(200)
    expect(team.body.members).toContainEqual({ userId: accepted.body.user.id, email, role: 'staff', createdAt: expect.any(String), lastSeenAt: expect.any(String) })
    expect(team.body.members).toContainEqual(expect.objectContaining({ userId: ownerId, role: 'owner' }))
    // Signing in again lands in the store joined.
    const login = await anonymous.post('/auth/login', { email, password: MEMBER_PASSWORD })
    expect(login.status).toBe(200)
    expect(login.body.store.id).toBe(accepted.body.store.id)
  })

  it('a signed-in user of another store joins with {token} alone; one user, two stores', async () => {
    const elsewhere = await registerStore(ctx.server.url)
    const invitation = await invite({ role: 'manager' })
    const joined = await elsewhere.api.post('/auth/accept-invitation', { token: invitation.token })
    expect(joined.status).toBe(201)
    expect(joined.body).toMatchObject({ user: { id: elsewhere.auth.user.id }, role: 'manager' })
    const here = new Api(ctx.server.url, joined.body.token)
    expect((await here.get('/auth/me')).body).toMatchObject({ role: 'manager', store: { id: joined.body.store.id } })
    // The first session still works in the first store, as its owner.
    expect((await elsewhere.api.get('/auth/me')).body).toMatchObject({ role: 'owner', store: { id: elsewhere.auth.store.id } })
  })

  it('an existing account joins only signed in: its email and password, right or wrong, answer 409 email_taken and join nothing', async () => {
    const elsewhere = await registerStore(ctx.server.url)
    const invitation = await invite({ role: 'staff' })
    for (const password of ['wrong password horse', 'correct horse']) {
      const refused = await anonymous.post('/auth/accept-invitation', { token: invitation.token, email: elsewhere.auth.user.email, password })
      expectApiError(refused, 409, 'email_taken')
      expect(refused.headers.getSetCookie()).toEqual([])
    }
    expect((await owner.get('/team')).body.members.map((m: any) => m.userId)).not.toContain(elsewhere.auth.user.id)
    const joined = await elsewhere.api.post('/auth/accept-invitation', { token: invitation.token })
    expect(joined.status).toBe(201)
    expect(joined.body.user.id).toBe(elsewhere.auth.user.id)
  })

  it('shows what an invitation offers before joining: the store\'s name and the role; nothing for a bad link', async () => {
    const store = (await owner.get('/store')).body
    const offered = await invite({ role: 'manager', email: newEmail('preview') })
    const preview = await anonymous.post('/auth/invitation', { token: offered.token })
    expect(preview.status).toBe(200)
    expect(preview.body).toEqual({ storeName: store.name, role: 'manager', email: offered.email, expiresAt: offered.expiresAt })
    // Looking joins nothing: the invitation stays open.
    expect((await owner.get('/team/invitations')).body.invitations.map((i: any) => i.id)).toContain(offered.id)
    const expired = await invite()
    await expireInvitation(expired.id)
    expectApiError(await anonymous.post('/auth/invitation', { token: expired.token }), 410, 'invitation_expired')
    expectApiError(await anonymous.post('/auth/invitation', { token: 'x'.repeat(43) }), 404, 'invitation_not_found')
    expectApiError(await anonymous.post('/auth/invitation', { token: offered.token, extra: 1 }), 400, 'validation_failed')
  })

  it('refuses a used (409), expired (410), revoked or unknown (404) invitation, another email (403) and bad input (400)', async () => {
    const used = await invite()
    await addMemberWith(used.token)
    expectApiError(await anonymous.post('/auth/accept-invitation', { token: used.token, email: newEmail(), password: MEMBER_PASSWORD }), 409, 'invitation_used')

    const expired = await invite()
    await expireInvitation(expired.id)
    expectApiError(await anonymous.post('/auth/accept-invitation', { token: expired.token, email: newEmail(), password: MEMBER_PASSWORD }), 410, 'invitation_expired')
    expect((await owner.get('/team/invitations')).body.invitations.map((i: any) => i.id)).not.toContain(expired.id)

    const revoked = await invite()
    expect((await del(owner, `/team/invitations/${revoked.id}`)).status).toBe(204)
    expectApiError(await anonymous.post('/auth/accept-invitation', { token: revoked.token, email: newEmail(), password: MEMBER_PASSWORD }), 404, 'invitation_not_found')
    expectApiError(await del(owner, `/team/invitations/${revoked.id}`), 404, 'invitation_not_found')

    const forSomeone = await invite({ role: 'staff', email: newEmail('someone') })
    expectApiError(await anonymous.post('/auth/accept-invitation', { token: forSomeone.token, email: newEmail('intruder'), password: MEMBER_PASSWORD }), 403, 'invitation_email_mismatch')

    expectApiError(await anonymous.post('/auth/accept-invitation', { token: forSomeone.token, email: newEmail() }), 400, 'validation_failed')
    expectApiError(await anonymous.post('/auth/accept-invitation', { token: forSomeone.token }), 401, 'unauthorized')
    expectApiError(await anonymous.post('/auth/accept-invitation', { token: forSomeone.token, email: newEmail(), password: 'short' }), 400, 'validation_failed')
    expectApiError(await owner.post('/team/invitations', { role: 'display' }), 400, 'validation_failed')
    expectApiError(await owner.post('/team/invitations', { role: 'staff', email: 'not an email' }), 400, 'validation_failed')
    expectApiError(await owner.patch(`/team/${ownerId}`, { role: 'king' }), 400, 'validation_failed')
    expectApiError(await owner.patch('/team/not-a-uuid', { role: 'staff' }), 404, 'member_not_found')
  })

  async function addMemberWith(token: string) {
    const accepted = await anonymous.post('/auth/accept-invitation', { token, email: newEmail(), password: MEMBER_PASSWORD })
    expect(accepted.status).toBe(201)
    return accepted.body
  }

  it('a store keeps at least one owner: the last one can be neither demoted nor removed (409 last_owner)', async () => {
    const store = await registerStore(ctx.server.url)
    expectApiError(await del(store.api, `/team/${store.auth.user.id}`), 409, 'last_owner')
    expectApiError(await store.api.patch(`/team/${store.auth.user.id}`, { role: 'manager' }), 409, 'last_owner')
    const second = await addMember(ctx.server, store.api, 'owner')
    // With two owners, one may step down; the other is then the last.
    const demoted = await store.api.patch(`/team/${store.auth.user.id}`, { role: 'manager' })
    expect(demoted.status).toBe(200)
    expect(demoted.body).toMatchObject({ userId: store.auth.user.id, role: 'manager' })
    expectApiError(await second.api.request('DELETE', `/team/${second.userId}`), 409, 'last_owner')
    expect((await second.api.get('/team')).body.members.filter((m: any) => m.role === 'owner')).toHaveLength(1)
  })

  it('two owners removing each other at once leave one owner', async () => {
    const store = await registerStore(ctx.server.url)
    const second = await addMember(ctx.server, store.api, 'owner')
    const answers = await Promise.all([del(store.api, `/team/${second.userId}`), del(second.api, `/team/${store.auth.user.id}`)])
    // The loser is refused as the last owner (409), or, when the winner committed first, as no member at all (401).
    expect(answers.filter(a => a.status === 204)).toHaveLength(1)
    expect([401, 409]).toContain(answers.find(a => a.status !== 204)!.status)
    const survivor = answers[0].status === 204 ? store.api : second.api
    expect((await survivor.get('/team')).body.members.filter((m: any) => m.role === 'owner')).toHaveLength(1)
  })

  it('a removed member fails at once: 401 on every request, and their open stream closes', async () => {
    const member = await addMember(ctx.server, owner, 'manager')
    const { client } = await connectStream(ctx.server, member.api.token!)
    expect((await member.api.post('/orders', orderBody())).status).toBe(201)
    expect((await del(owner, `/team/${member.userId}`)).status).toBe(204)
    await waitUntil(() => client.ended, 'the removed member\'s stream to close', 3000)
    expectApiError(await member.api.get('/orders'), 401, 'unauthorized')
    expectApiError(await member.api.post('/orders', orderBody()), 401, 'unauthorized')
    expect((await owner.get('/team')).body.members.map((m: any) => m.userId)).not.toContain(member.userId)
    expectApiError(await del(owner, `/team/${member.userId}`), 404, 'member_not_found')
    // Removed from their only store, they cannot sign in either.
    expectApiError(await anonymous.post('/auth/login', { email: member.email, password: MEMBER_PASSWORD }), 401, 'invalid_credentials')
  })

  it('a role change holds at the next request, and the member\'s stream reconnects under it', async () => {
    const member = await addMember(ctx.server, owner, 'staff')
    const order = (await owner.post('/orders', orderBody())).body
    await owner.patch(`/orders/${order.id}`, { status: 'paid' })
    expectApiError(await member.api.patch(`/orders/${order.id}`, { status: 'refunded' }), 403, 'forbidden')
    expectApiError(await member.api.get('/analytics/summary'), 403, 'forbidden')
    const { client } = await connectStream(ctx.server, member.api.token!)
    expect((await owner.patch(`/team/${member.userId}`, { role: 'manager' })).status).toBe(200)
    await waitUntil(() => client.ended, 'the stream to close after the role change', 3000)
    expect((await member.api.patch(`/orders/${order.id}`, { status: 'refunded' })).status).toBe(200)
    expect((await member.api.get('/analytics/summary')).status).toBe(200)
  })

  it('guessing invitation tokens is rate limited like sign-in: 429 with Retry-After', async () => {
    const real = await invite()
    let refused
    for (let i = 0; i < MAX_GUESSES + 2 && !refused; i++) {
      const guess = await anonymous.post('/auth/accept-invitation', { token: `guess-${i}-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`, email: newEmail(), password: MEMBER_PASSWORD })
      if (guess.status === 429)
        refused = guess
      else
        expectApiError(guess, 404, 'invitation_not_found')
    }
    expect(refused).toBeDefined()
    expectApiError(refused!, 429, 'too_many_attempts')
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0)
    // Even the right token waits now: the limit is on the address, not on the token.
    expectApiError(await anonymous.post('/auth/accept-invitation', { token: real.token, email: newEmail(), password: MEMBER_PASSWORD }), 429, 'too_many_attempts')
  })
}, { db: true, env: { PULSE_LOGIN_MAX_FAILURES: String(MAX_GUESSES) } })
