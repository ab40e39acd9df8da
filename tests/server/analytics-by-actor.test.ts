import type { ClockedApi } from './support/clocked-api'
import { beforeAll, expect, it } from 'vitest'
import { describeWithServer } from '../helpers/test-server'
import { expectApiError } from './support/api'
import { ClockedApi as Clocked, registerClockedStore, TEST_CLOCK_ENV } from './support/clocked-api'
import { addMember, createKey, pairDevice } from './support/team'

const NOW = '2026-11-25T12:00:00.000Z'
const FIGURES = ['orderCount', 'revenueCents', 'refundedCents'] as const

describeWithServer('who sold what: GET /analytics/by-actor', (ctx) => {
  let owner: ClockedApi
  let staff: ClockedApi
  let till: ClockedApi
  let ids: { owner: string, staff: string, till: string, staffEmail: string }

  beforeAll(async () => {
    // A :30 zone (India) and a business day that starts at 04:00: the rows must follow the same days as the summary.
    owner = await registerClockedStore(ctx.server.url, { timeZone: 'Asia/Kolkata' })
    expect((await owner.patch('/store', { dayStartsAt: '04:00' })).status).toBe(200)
    const member = await addMember(ctx.server, owner.api, 'staff')
    const key = await createKey(ctx.server, owner.api, ['orders:write'], 'Front till')
    staff = new Clocked(member.api)
    till = new Clocked(key.api)
    ids = { owner: (await owner.get('/auth/me')).body.user.id, staff: member.userId, till: key.keyId, staffEmail: member.email }

    // Business day 2026-11-24 (Kolkata) runs 2026-11-23T22:30Z → 2026-11-24T22:30Z.
    await owner.order('2026-11-24T03:00:00.000Z', 1000, { method: 'card' })
    await owner.order('2026-11-24T04:00:00.000Z', 500) // pending
    const refunded = await owner.order('2026-11-24T05:00:00.000Z', 700, { method: 'card' })
    expect((await owner.at('2026-11-25T06:00:00.000Z').patch(`/orders/${refunded.id}`, { status: 'refunded' })).status).toBe(200)
    const cancelled = await owner.order('2026-11-24T06:00:00.000Z', 400)
    expect((await owner.at('2026-11-24T06:30:00.000Z').patch(`/orders/${cancelled.id}`, { status: 'cancelled' })).status).toBe(200)
    await staff.order('2026-11-24T07:00:00.000Z', 300, { method: 'cash' })
    // Made at 03:50 local on the 24th (before the 04:00 start: the 23rd's business day), paid on the 24th.
    await staff.order('2026-11-23T22:20:00.000Z', 200, { method: 'cash', paidAt: '2026-11-23T23:00:00.000Z' })
    await till.order('2026-11-25T05:00:00.000Z', 900, { method: 'card' })
    for (const api of [owner, staff, till]) api.at(NOW)
  })

  async function expectRowsAddUp(query: string) {
    const [byActor, summary] = await Promise.all([owner.get(`/analytics/by-actor?${query}`), owner.get(`/analytics/summary?${query}`)])
    expect(byActor.status).toBe(200)
    expect(byActor.body).toMatchObject({ from: summary.body.from, to: summary.body.to })
    for (const figure of FIGURES)
      expect(byActor.body.actors.reduce((sum: number, row: any) => sum + row[figure], 0), `${figure} of ${query}`).toBe(summary.body[figure])
    return byActor.body.actors
  }

  it('the rows name each creator (person, API key) and add up to the summary for every range', async () => {
    const all = await expectRowsAddUp('range=7d')
    expect(all).toEqual([
      { actor: { type: 'user', id: ids.owner, name: expect.any(String) }, orderCount: 3, revenueCents: 1000, refundedCents: 700 },
      { actor: { type: 'api_key', id: ids.till, name: 'Front till' }, orderCount: 1, revenueCents: 900, refundedCents: 0 },
      { actor: { type: 'user', id: ids.staff, name: ids.staffEmail }, orderCount: 2, revenueCents: 500, refundedCents: 0 },
    ])
    // The 24th: the owner's sales (the refund falls on the 25th), the staff's 300 and the 200 paid that day (its order was the 23rd's).
    const day = await expectRowsAddUp('range=custom&from=2026-11-24&to=2026-11-24')
    expect(day.map((row: any) => [row.actor.type, row.orderCount, row.revenueCents, row.refundedCents])).toEqual([['user', 3, 1700, 0], ['user', 1, 500, 0]])
    expect(day[1].actor.id).toBe(ids.staff)
    const today = await expectRowsAddUp('range=today')
    expect(today.map((row: any) => [row.actor.id, row.orderCount, row.revenueCents, row.refundedCents])).toEqual([[ids.till, 1, 900, 0], [ids.owner, 0, -700, 700]])
    await expectRowsAddUp('range=custom&from=2026-11-23&to=2026-11-23')
    await expectRowsAddUp('range=30d')
    expect(await expectRowsAddUp('range=custom&from=2026-10-01&to=2026-10-02')).toEqual([])
  })

  it('owners and managers, displays and keys with analytics:read may read it; staff (even with today\'s figures allowed) and other keys get 403', async () => {
    const manager = await addMember(ctx.server, owner.api, 'manager')
    expect((await manager.api.get('/analytics/by-actor?range=7d')).status).toBe(200)
    const display = await pairDevice(ctx.server, owner.api)
    expect((await display.api.get('/analytics/by-actor?range=today')).status).toBe(200)
    const reader = await createKey(ctx.server, owner.api, ['analytics:read'])
    expect((await reader.api.get('/analytics/by-actor')).status).toBe(200)
    expectApiError(await staff.get('/analytics/by-actor?range=7d'), 403, 'forbidden')
    expect((await owner.patch('/store', { staffCanSeeToday: true })).status).toBe(200)
    expectApiError(await staff.get('/analytics/by-actor?range=today'), 403, 'forbidden')
    expectApiError(await till.get('/analytics/by-actor'), 403, 'insufficient_scope')
  })

  it('bad ranges are 400s', async () => {
    expectApiError(await owner.get('/analytics/by-actor?range=1y'), 400, 'validation_failed')
    expectApiError(await owner.get('/analytics/by-actor?range=custom&from=2026-11-24'), 400, 'invalid_range')
    expectApiError(await owner.get('/analytics/by-actor?range=custom&from=2026-11-24&to=2026-11-20'), 400, 'invalid_range')
    expectApiError(await owner.get('/analytics/by-actor?range=7d&from=2026-11-24'), 400, 'invalid_range')
    expectApiError(await owner.get('/analytics/by-actor?range=custom&from=2026-02-30&to=2026-03-01'), 400, 'validation_failed')
  })
}, { env: TEST_CLOCK_ENV })
