import { expect, it } from 'vitest'
import { Api } from '../helpers/api'
import { describeWithServer } from '../helpers/test-server'
import { registerClockedStore, TEST_CLOCK_ENV } from './support/clocked-api'

describeWithServer('store settings', (ctx) => {
  it('reads and changes the settings', async () => {
    const api = await registerClockedStore(ctx.server.url, { storeName: 'Corner Bar', timeZone: 'Europe/Berlin', currency: 'EUR' })
    const initial = await api.get('/store')
    expect(initial.status).toBe(200)
    expect(initial.body).toEqual({ id: expect.any(String), name: 'Corner Bar', timeZone: 'Europe/Berlin', currency: 'EUR', createdAt: expect.any(String), dayStartsAt: '00:00', dailyGoalCents: null, staffCanSeeToday: false })
    const changed = await api.patch('/store', { name: '  Corner Bar & Grill ', dayStartsAt: '16:00', dailyGoalCents: 250000, currency: 'CHF', timeZone: 'Europe/Zurich' })
    expect(changed.status).toBe(200)
    expect(changed.body).toMatchObject({ name: 'Corner Bar & Grill', dayStartsAt: '16:00', dailyGoalCents: 250000, currency: 'CHF', timeZone: 'Europe/Zurich' })
    expect((await api.get('/store')).body).toEqual(changed.body)
    expect((await api.patch('/store', { dailyGoalCents: null })).body.dailyGoalCents).toBeNull()
    expect((await api.patch('/store', {})).body).toMatchObject({ name: 'Corner Bar & Grill', dailyGoalCents: null })
    expect((await api.get('/auth/me')).body.store).toMatchObject({ name: 'Corner Bar & Grill', currency: 'CHF' })
  })

  it('refuses bad input with 400 and changes nothing', async () => {
    const api = await registerClockedStore(ctx.server.url)
    const before = (await api.get('/store')).body
    const bodies: Array<[unknown, string]> = [
      [{ dayStartsAt: '04:30' }, 'validation_failed'],
      [{ dayStartsAt: '24:00' }, 'validation_failed'],
      [{ dayStartsAt: '4:00' }, 'validation_failed'],
      [{ timeZone: 'Mars/Olympus' }, 'validation_failed'],
      [{ currency: 'usd' }, 'validation_failed'],
      [{ dailyGoalCents: -1 }, 'validation_failed'],
      [{ dailyGoalCents: 12.5 }, 'validation_failed'],
      [{ dailyGoalCents: '100' }, 'validation_failed'],
      [{ name: '   ' }, 'validation_failed'],
      [{ name: 'ok', owner: 'me' }, 'validation_failed'],
      ['{"name":', 'invalid_json'],
      [[], 'validation_failed'],
    ]
    for (const [body, code] of bodies) {
      const response = await api.patch('/store', body)
      expect({ body, status: response.status, error: response.body }).toEqual({ body, status: 400, error: { error: code, message: expect.any(String) } })
    }
    expect((await api.get('/store')).body).toEqual(before)
    const anonymous = new Api(ctx.server.url)
    expect((await anonymous.get('/store')).status).toBe(401)
    expect((await anonymous.patch('/store', { name: 'x' })).status).toBe(401)
  })

  it('a zone change to and from a :30 zone keeps every figure right', async () => {
    const api = await registerClockedStore(ctx.server.url)
    const instants = ['2026-11-20T18:20:00.000Z', '2026-11-20T18:40:00.000Z', '2026-11-21T09:10:00.000Z', '2026-11-21T09:50:00.000Z', '2026-11-21T23:59:00.000Z']
    const orders = []
    for (const [i, instant] of instants.entries()) orders.push(await api.order(instant, 100 * 10 ** i, { method: i % 2 ? 'cash' : 'card', name: `P${i}` }))
    // A cancellation and a refund, so statuses and refunds move with their own hours.
    expect((await api.at('2026-11-21T10:05:00.000Z').patch(`/orders/${orders[0].id}`, { status: 'refunded' })).status).toBe(200)
    const pending = await api.order('2026-11-21T11:30:00.000Z', 7)
    expect((await api.at('2026-11-21T11:45:00.000Z').patch(`/orders/${pending.id}`, { status: 'cancelled' })).status).toBe(200)
    api.at('2026-11-25T12:00:00.000Z')
    const day = async (date: string) => (await api.get(`/analytics/summary?range=custom&from=${date}&to=${date}`)).body

    expect((await api.patch('/store', { timeZone: 'Asia/Kolkata' })).status).toBe(200)
    // Kolkata days: the 21st is 20 Nov 18:30Z .. 21 Nov 18:30Z.
    expect(await day('2026-11-20')).toMatchObject({ orderCount: 1, revenueCents: 100, refundedCents: 0 })
    expect(await day('2026-11-21')).toMatchObject({ from: '2026-11-20T18:30:00.000Z', orderCount: 3, revenueCents: 1000 + 10000 + 100000 - 100, refundedCents: 100, cancelledOrderCount: 1 })
    expect(await day('2026-11-22')).toMatchObject({ orderCount: 1, revenueCents: 1000000 })
    const hours = (await api.get('/analytics/timeseries?range=custom&from=2026-11-21&to=2026-11-21&bucket=hour')).body
    expect(hours.points[0]).toEqual({ t: '2026-11-20T18:30:00.000Z', revenueCents: 1000, orderCount: 1 })
    const products = (await api.get('/analytics/top-products?range=custom&from=2026-11-21&to=2026-11-21&limit=50')).body.products
    expect(products.map((p: any) => p.name).sort()).toEqual(['P0', 'P1', 'P2', 'P3'].slice(1))

    expect((await api.patch('/store', { timeZone: 'UTC' })).status).toBe(200)
    expect(await day('2026-11-20')).toMatchObject({ from: '2026-11-20T00:00:00.000Z', orderCount: 2, revenueCents: 1100 })
    expect(await day('2026-11-21')).toMatchObject({ orderCount: 3, revenueCents: 10000 + 100000 + 1000000 - 100, refundedCents: 100 })
    const utcHours = (await api.get('/analytics/timeseries?range=custom&from=2026-11-21&to=2026-11-21&bucket=hour')).body
    expect(utcHours.points[9]).toEqual({ t: '2026-11-21T09:00:00.000Z', revenueCents: 110000, orderCount: 2 })
    // Later writes land in the new zone's hours, and a status change still finds its order's bucket.
    const late = await api.order('2026-11-25T08:30:00.000Z', 5, { method: 'card' })
    expect((await api.at('2026-11-25T09:00:00.000Z').patch(`/orders/${late.id}`, { status: 'refunded' })).status).toBe(200)
    expect((await api.at('2026-11-25T12:00:00.000Z').get('/analytics/summary?range=today')).body).toMatchObject({ orderCount: 1, revenueCents: 0, refundedCents: 5 })
  })
}, { env: TEST_CLOCK_ENV })
