import { beforeAll, expect, it } from 'vitest'
import { Api } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { expectApiError } from './support/api'
import { ClockedApi, registerClockedStore, TEST_CLOCK_ENV } from './support/clocked-api'
import { addMember, createKey, pairDevice } from './support/team'

const NOW = '2026-11-25T12:00:00.000Z'
const ROW_FIGURES = ['revenueCents', 'orderCount', 'orderTotalCents', 'averageOrderValueCents', 'pendingOrderCount', 'from', 'to', 'lastSeq'] as const

describeWithServer('every location side by side: GET /analytics/locations', (ctx) => {
  let person: ClockedApi
  let email: string
  /** One session per store of the person, each switched there: the store's own summary is read through it. */
  const sessions = new Map<string, ClockedApi>()
  let staffStoreOwner: ClockedApi
  let staffStoreId: string
  let lateBarId: string
  let harbourId: string
  let kolkataId: string

  async function sessionIn(storeId: string): Promise<ClockedApi> {
    const login = await new Api(ctx.server.url).post('/auth/login', { email, password: 'correct horse' })
    expect(login.status).toBe(200)
    const api = new ClockedApi(new Api(ctx.server.url, login.body.token))
    expect((await api.post('/auth/switch-store', { storeId })).status).toBe(200)
    return api
  }

  async function orders(api: ClockedApi, instants: string[], cents: number) {
    for (const [index, instant] of instants.entries())
      await api.order(instant, cents + index, index % 3 === 2 ? {} : { method: index % 2 ? 'cash' : 'card' })
  }

  beforeAll(async () => {
    // Three stores in two currencies: New York (USD), Kolkata at +05:30 with a 04:00 day start (EUR), and UTC with a 16:00 start (USD).
    person = await registerClockedStore(ctx.server.url, { storeName: 'Harbour', timeZone: 'America/New_York', currency: 'USD' })
    email = (await person.get('/auth/me')).body.user.email
    const harbour = (await person.get('/auth/me')).body.store.id
    const kolkata = (await person.post('/stores', { name: 'Kolkata Stall', timeZone: 'Asia/Kolkata', currency: 'EUR' })).body.id
    const late = (await person.post('/stores', { name: 'Late Bar', timeZone: 'UTC', currency: 'USD' })).body.id
    lateBarId = late
    harbourId = harbour
    kolkataId = kolkata
    for (const id of [harbour, kolkata, late]) sessions.set(id, await sessionIn(id))
    expect((await sessions.get(kolkata)!.patch('/store', { dayStartsAt: '04:00' })).status).toBe(200)
    expect((await sessions.get(late)!.patch('/store', { dayStartsAt: '16:00' })).status).toBe(200)
    const spread = (start: string, count: number, stepMinutes: number) => Array.from({ length: count }, (_, i) => new Date(Date.parse(start) + i * stepMinutes * 60_000).toISOString())
    await orders(sessions.get(harbour)!, spread('2026-11-17T13:10:00.000Z', 14, 13 * 60 + 7), 1200)
    // Around Kolkata's day boundaries: 04:00 local is 22:30 UTC.
    await orders(sessions.get(kolkata)!, spread('2026-11-16T22:00:00.000Z', 18, 11 * 60 + 15), 800)
    await orders(sessions.get(late)!, spread('2026-11-18T15:30:00.000Z', 10, 17 * 60 + 29), 2500)
    // A store where the person is staff, and one where they are a manager.
    staffStoreOwner = await registerClockedStore(ctx.server.url, { storeName: 'Franchise Staffed', currency: 'EUR' })
    staffStoreId = (await staffStoreOwner.get('/auth/me')).body.store.id
    await staffStoreOwner.order('2026-11-25T09:00:00.000Z', 999, { method: 'card' })
    const managed = await registerClockedStore(ctx.server.url, { storeName: 'Franchise Managed', currency: 'EUR' })
    await managed.order('2026-11-25T09:30:00.000Z', 4321, { method: 'card' })
    for (const [owner, role] of [[staffStoreOwner, 'staff'], [managed, 'manager']] as const) {
      const invitation = await owner.post('/team/invitations', { role })
      expect((await person.post('/auth/accept-invitation', { token: invitation.body.token })).status).toBe(201)
    }
    sessions.set((await managed.get('/auth/me')).body.store.id, await sessionIn((await managed.get('/auth/me')).body.store.id))
    person.at(NOW)
    for (const api of sessions.values()) api.at(NOW)
  })

  for (const query of ['range=today', 'range=7d', 'range=30d&compare=previous', 'range=today&compare=previous', 'range=custom&from=2026-11-18&to=2026-11-21&compare=last_year', 'range=custom&from=2026-11-20&to=2026-11-20&compare=previous']) {
    it(`each row equals that store's own summary; totals per currency (${query})`, async () => {
      const locations = await person.get(`/analytics/locations?${query}`)
      expect(locations.status).toBe(200)
      const { stores, totals } = locations.body
      expect(stores.map((row: any) => row.storeId).sort()).toEqual([...sessions.keys()].sort())
      for (const row of stores) {
        const own = (await sessions.get(row.storeId)!.get(`/analytics/summary?${query}`)).body
        expect(row.currency).toBe(own.currency)
        for (const figure of ROW_FIGURES) expect(row[figure], `${row.name} ${figure}`).toBe(own[figure])
        expect(row.comparison).toEqual(own.comparison)
      }
      const revenues = stores.map((row: any) => row.revenueCents)
      expect(revenues).toEqual([...revenues].sort((a, b) => b - a))
      const expected = new Map<string, { revenueCents: number, orderCount: number }>()
      for (const row of stores) {
        const sum = expected.get(row.currency) ?? { revenueCents: 0, orderCount: 0 }
        expected.set(row.currency, { revenueCents: sum.revenueCents + row.revenueCents, orderCount: sum.orderCount + row.orderCount })
      }
      expect(totals).toEqual([...expected].sort(([a], [b]) => a.localeCompare(b)).map(([currency, sum]) => ({ currency, ...sum })))
      expect(totals.map((t: any) => t.currency)).toEqual(['EUR', 'USD'])
    })
  }

  it('the figures are not empty and the zones matter: Kolkata\'s 04:00 day and the 16:00 day differ from UTC midnight', async () => {
    const { stores } = (await person.get('/analytics/locations?range=custom&from=2026-11-20&to=2026-11-20')).body
    const byName = Object.fromEntries(stores.map((row: any) => [row.name, row]))
    expect(byName['Kolkata Stall']).toMatchObject({ from: '2026-11-19T22:30:00.000Z', to: '2026-11-20T22:30:00.000Z', timeZone: 'Asia/Kolkata', currency: 'EUR' })
    expect(byName['Late Bar']).toMatchObject({ from: '2026-11-19T16:00:00.000Z', to: '2026-11-20T16:00:00.000Z' })
    const week = (await person.get('/analytics/locations?range=30d')).body
    expect(week.stores.every((row: any) => row.orderCount > 0)).toBe(true)
  })

  it('a staff store appears only for today and only when its owner lets staff see today\'s figures', async () => {
    const ids = async (query: string) => (await person.get(`/analytics/locations?${query}`)).body.stores.map((row: any) => row.storeId)
    expect(await ids('range=today')).not.toContain(staffStoreId)
    expect((await staffStoreOwner.patch('/store', { staffCanSeeToday: true })).status).toBe(200)
    expect(await ids('range=today')).toContain(staffStoreId)
    expect(await ids('range=7d')).not.toContain(staffStoreId)
    expect((await staffStoreOwner.patch('/store', { staffCanSeeToday: false })).status).toBe(200)
  })

  it('a staff member of one store only is refused (403); a device or a key sees its own store only; bad queries are 400s', async () => {
    const staff = await addMember(ctx.server, staffStoreOwner.api, 'staff')
    expectApiError(await staff.api.get('/analytics/locations?range=7d'), 403, 'forbidden')
    const display = await pairDevice(ctx.server, staffStoreOwner.api)
    expect((await display.api.get('/analytics/locations')).body.stores.map((row: any) => row.storeId)).toEqual([staffStoreId])
    const reader = await createKey(ctx.server, staffStoreOwner.api, ['analytics:read'])
    expect((await reader.api.get('/analytics/locations?range=7d')).body.stores.map((row: any) => row.storeId)).toEqual([staffStoreId])
    const writer = await createKey(ctx.server, staffStoreOwner.api, ['orders:write'])
    expectApiError(await writer.api.get('/analytics/locations'), 403, 'forbidden')
    expectApiError(await new Api(ctx.server.url).get('/analytics/locations'), 401, 'unauthorized')
    expectApiError(await person.get('/analytics/locations?range=1y'), 400, 'validation_failed')
    expectApiError(await person.get('/analytics/locations?compare=yesterday'), 400, 'validation_failed')
    expectApiError(await person.get('/analytics/locations?range=custom&from=2026-11-21'), 400, 'invalid_range')
  })

  it('today against yesterday up to the same minute: the part of the hour before the cut is read from the orders and payments themselves', async () => {
    // At 12:40 UTC yesterday's figures stop at 12:40: its 12:00 hour is split, so 12:10 counts and 12:50 does not.
    const later = '2026-11-25T12:40:00.000Z'
    const bar = sessions.get(lateBarId)!
    await bar.order('2026-11-24T12:10:00.000Z', 700, { method: 'card' })
    await bar.order('2026-11-24T12:20:00.000Z', 300, { method: 'cash' })
    await bar.order('2026-11-24T12:25:00.000Z', 200)
    await bar.order('2026-11-24T12:50:00.000Z', 5000, { method: 'card' })
    person.at(later)
    bar.at(later)
    try {
      const { stores } = (await person.get('/analytics/locations?range=today&compare=previous')).body
      const row = stores.find((r: any) => r.storeId === lateBarId)
      const own = (await bar.get('/analytics/summary?range=today&compare=previous')).body
      expect(row.comparison).toEqual(own.comparison)
      expect(own.comparison.to).toBe('2026-11-24T12:40:00.000Z')
      const beforeTheHour = (await bar.at('2026-11-25T12:00:00.000Z').get('/analytics/summary?range=today&compare=previous')).body.comparison
      expect(own.comparison.orderCount - beforeTheHour.orderCount).toBe(3)
      expect(own.comparison.byMethod.find((m: any) => m.method === 'card').amountCents - beforeTheHour.byMethod.find((m: any) => m.method === 'card').amountCents).toBe(700)
    }
    finally {
      person.at(NOW)
      bar.at(NOW)
    }
  })

  it('30 days in a :30 zone with a 04:00 day start: whole local dates from the daily rollups, the partial first and last dates from the hours', async () => {
    // At 21:00Z it is 02:30 on 26 Nov in Kolkata, still business day 25 Nov: 30 days run from 27 Oct 04:00
    // (26 Oct 22:30Z) to 26 Nov 04:00 (25 Nov 22:30Z). 27 Oct and 26 Nov are partial dates; the orders at
    // 03:30 and 03:00 local share a date (and a daily row) with orders inside the range but are outside it.
    const later = '2026-11-25T21:00:00.000Z'
    const kolkata = sessions.get(kolkataId)!
    const current = ['2026-10-26T23:00:00.000Z', '2026-10-27T18:00:00.000Z', '2026-10-27T19:00:00.000Z', '2026-11-25T19:00:00.000Z', '2026-11-25T20:40:00.000Z']
    // The previous 30 days stop at 27 Oct 02:30 local (26 Oct 21:00Z): 02:00–02:30 from the orders themselves.
    const previous = ['2026-09-26T23:00:00.000Z', '2026-10-10T10:00:00.000Z', '2026-10-26T19:00:00.000Z', '2026-10-26T20:40:00.000Z']
    const outside = ['2026-09-26T22:00:00.000Z', '2026-10-26T21:30:00.000Z', '2026-10-26T22:00:00.000Z', '2026-11-25T22:45:00.000Z']
    for (const [index, instant] of [...current, ...previous, ...outside].entries()) await kolkata.order(instant, 100 * (index + 1), { method: 'card' })
    // New York's 30 days hold the 25-hour 1 Nov (its 01:00 twice).
    const harbour = sessions.get(harbourId)!
    await harbour.order('2026-11-01T05:30:00.000Z', 333, { method: 'cash' })
    await harbour.order('2026-11-01T06:30:00.000Z', 444, { method: 'card' })
    person.at(later)
    for (const api of sessions.values()) api.at(later)
    try {
      for (const query of ['range=30d', 'range=30d&compare=previous']) {
        const { stores } = (await person.get(`/analytics/locations?${query}`)).body
        for (const row of stores) {
          const own = (await sessions.get(row.storeId)!.get(`/analytics/summary?${query}`)).body
          for (const figure of ROW_FIGURES) expect(row[figure], `${row.name} ${figure} (${query})`).toBe(own[figure])
          expect(row.comparison, `${row.name} (${query})`).toEqual(own.comparison)
        }
        const row = stores.find((r: any) => r.storeId === kolkataId)
        expect(row).toMatchObject({ from: '2026-10-26T22:30:00.000Z', to: '2026-11-25T22:30:00.000Z', orderCount: 18 + current.length })
        if (query.includes('compare'))
          expect(row.comparison).toMatchObject({ from: '2026-09-26T22:30:00.000Z', to: '2026-10-26T21:00:00.000Z', orderCount: previous.length })
      }
    }
    finally {
      person.at(NOW)
      for (const api of sessions.values()) api.at(NOW)
    }
  })
}, { env: TEST_CLOCK_ENV })
