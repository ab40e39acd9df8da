import { describe, expect, it } from 'vitest'
import { Api, registerStore } from '../helpers/api'
import { BACKENDS } from '../helpers/databases'
import { useSuiteResource } from '../helpers/suite-resource'
import { useTestServer } from '../helpers/test-server'
import { waitUntil } from '../helpers/wait'
import { expectApiError, orderBody } from './support/api'
import { clockIn, expectKey, noonZone, pushEnv, subscribeDevice, TestClock, waitForPushes, waitForPushWorker } from './support/push'
import { PushService } from './support/push-service'
import { addMember, del } from './support/team'

const clock = new TestClock()
const SESSION_TTL_MS = 8000

function usePushService() {
  return useSuiteResource('the push service', () => PushService.start(), async (started) => {
    await started.close()
    expect(started.errors).toEqual([])
  })
}

describe.each(BACKENDS)('a removed member\'s devices on %s', (backend) => {
  // Sessions that expire within the test: the subscribing session is gone when the member is removed.
  const ctx = useTestServer(backend, { env: pushEnv(clock, { PULSE_SESSION_TTL_MS: String(SESSION_TTL_MS) }), db: true })
  const service = usePushService()

  it('removing a member removes every device of theirs in the store, though the session that subscribed it expired', async () => {
    const { auth } = await registerStore(ctx.server.url)
    const caughtUp = () => waitForPushWorker([ctx.server], ctx.db, auth.store.id, clock)
    const anonymous = new Api(ctx.server.url)
    const signIn = async () => new Api(ctx.server.url, (await anonymous.post('/auth/login', { email: auth.user.email, password: 'correct horse' })).body.token)
    const member = await addMember(ctx.server, await signIn(), 'staff')
    await expectKey(member.api, service())
    const { device: theirs } = await subscribeDevice(member.api, service())
    await waitUntil(async () => (await member.api.get('/orders')).status === 401, 'the member\'s session to expire', SESSION_TTL_MS + 10_000, 250)
    expectApiError(await member.api.get('/orders'), 401, 'unauthorized')
    const owner = await signIn()
    const { device: ours } = await subscribeDevice(owner, service())
    expect((await del(owner, `/team/${member.userId}`)).status).toBe(204)
    expect(await ctx.db.all('select id from push_subscriptions where user_id = ?', [member.userId])).toEqual([])
    await owner.post('/orders', orderBody({ customerName: 'Ada Lovelace' }))
    await waitForPushes(service(), ours, 1, 'the owner\'s push')
    await caughtUp()
    expect(service().pushesTo(theirs)).toEqual([])
  })
})

describe.each(BACKENDS)('pushes only to who may see them on %s', (backend) => {
  const ctx = useTestServer(backend, { env: pushEnv(clock), db: true })
  const service = usePushService()

  it('turning on the daily summary (PATCH) checks the role in the device\'s store, not the session\'s', async () => {
    const mine = await registerStore(ctx.server.url)
    const theirs = await registerStore(ctx.server.url)
    const invitation = await theirs.api.post('/team/invitations', { role: 'staff' })
    const joined = await mine.api.post('/auth/accept-invitation', { token: invitation.body.token })
    expect(joined.status).toBe(201)
    const asStaff = new Api(ctx.server.url, joined.body.token)
    await expectKey(asStaff, service())
    const { id } = await subscribeDevice(asStaff, service())
    // Signed in to the store they own, they may not turn on the other store's figures on that device.
    expectApiError(await mine.api.patch(`/push/subscriptions/${id}`, { alerts: { dailySummaryAt: '18:00' } }), 403, 'forbidden')
    expectApiError(await asStaff.patch(`/push/subscriptions/${id}`, { alerts: { dailySummaryAt: '18:00' } }), 403, 'forbidden')
    const [row] = await ctx.db.all<{ alerts: string }>('select alerts from push_subscriptions where id = ?', [id])
    expect(JSON.parse(row.alerts).dailySummaryAt).toBeNull()
    // Once the other store lets staff see today's figures, they may.
    expect((await theirs.api.patch('/store', { staffCanSeeToday: true })).status).toBe(200)
    const allowed = await mine.api.patch(`/push/subscriptions/${id}`, { alerts: { dailySummaryAt: '18:00' } })
    expect(allowed.status).toBe(200)
    expect(allowed.body.alerts.dailySummaryAt).toBe('18:00')
  })

  it('the worker checks at sending time: a summary is dropped for a member demoted or no longer allowed today\'s figures', async () => {
    const zone = noonZone(clock.now())
    const { api: owner, auth } = await registerStore(ctx.server.url, { timeZone: zone })
    await expectKey(owner, service())
    expect((await owner.patch('/store', { staffCanSeeToday: true })).status).toBe(200)
    const staff = await addMember(ctx.server, owner, 'staff')
    const manager = await addMember(ctx.server, owner, 'manager')
    const alerts = { newOrders: false, payments: false, dailySummaryAt: clockIn(zone, clock.now() + 10 * 60_000) }
    const { device: ownerDevice } = await subscribeDevice(owner, service(), alerts)
    const { device: staffDevice } = await subscribeDevice(staff.api, service(), alerts)
    const { device: managerDevice } = await subscribeDevice(manager.api, service(), alerts)
    expect((await owner.patch('/store', { staffCanSeeToday: false })).status).toBe(200)
    expect((await owner.patch(`/team/${manager.userId}`, { role: 'staff' })).status).toBe(200)
    clock.advance(11 * 60_000)
    const [summary] = await waitForPushes(service(), ownerDevice, 1, 'the owner\'s daily summary')
    expect(summary.payload.type).toBe('daily_summary')
    await waitForPushWorker([ctx.server], ctx.db, auth.store.id, clock)
    expect(service().pushesTo(staffDevice)).toEqual([])
    expect(service().pushesTo(managerDevice)).toEqual([])
    // Their order pushes still come: staff may see orders.
    const { device: ordersDevice } = await subscribeDevice(staff.api, service())
    await owner.post('/orders', orderBody())
    await waitForPushes(service(), ordersDevice, 1, 'the staff member\'s order push')
  })
})
