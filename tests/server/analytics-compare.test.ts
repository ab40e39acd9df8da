import type { ClockedApi } from './support/clocked-api'
import { beforeAll, describe, expect, it } from 'vitest'
import { describeWithServer } from '../helpers/test-server'
import { registerClockedStore, TEST_CLOCK_ENV } from './support/clocked-api'

describeWithServer('comparisons', (ctx) => {
  describe('today vs the same time yesterday (UTC store)', () => {
    let api: ClockedApi
    const now = '2026-11-25T15:30:00.000Z'
    beforeAll(async () => {
      api = await registerClockedStore(ctx.server.url)
      await api.order('2026-11-24T10:00:00.000Z', 1000, { method: 'card' })
      await api.order('2026-11-24T15:10:00.000Z', 2000, { method: 'cash' }) // same hour, before 15:30: read from the rows
      await api.order('2026-11-24T15:45:00.000Z', 4000, { method: 'card' }) // same hour, after 15:30
      await api.order('2026-11-24T20:00:00.000Z', 8000, { method: 'card' })
      await api.order('2026-11-23T23:59:00.000Z', 16000, { method: 'card' }) // the day before
      await api.order('2026-11-25T09:00:00.000Z', 300, { method: 'card' })
      await api.order('2026-11-25T15:20:00.000Z', 500)
    })

    it('cuts yesterday at the same local minute, the partial hour exactly', async () => {
      const { status, body } = await api.at(now).get('/analytics/summary?range=today&compare=previous')
      expect(status).toBe(200)
      expect(body).toMatchObject({ from: '2026-11-25T00:00:00.000Z', to: '2026-11-26T00:00:00.000Z', orderCount: 2, revenueCents: 300, grossSalesCents: 800, pendingOrderCount: 1 })
      expect(body.comparison).toMatchObject({ compare: 'previous', from: '2026-11-24T00:00:00.000Z', to: '2026-11-24T15:30:00.000Z', orderCount: 2, revenueCents: 3000, grossSalesCents: 3000, paidOrderCount: 2 })
      expect(body.comparison.byMethod).toEqual([{ method: 'card', amountCents: 1000, count: 1 }, { method: 'cash', amountCents: 2000, count: 1 }, { method: 'other', amountCents: 0, count: 0 }])
    })

    it('compares a finished range with the whole previous one', async () => {
      const { body } = await api.at(now).get('/analytics/summary?range=custom&from=2026-11-24&to=2026-11-24&compare=previous')
      expect(body).toMatchObject({ orderCount: 4, revenueCents: 15000 })
      expect(body.comparison).toMatchObject({ from: '2026-11-23T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z', orderCount: 1, revenueCents: 16000 })
    })

    it('gives the timeseries comparison point for point', async () => {
      const { body } = await api.at(now).get('/analytics/timeseries?range=today&compare=previous')
      expect(body.points).toHaveLength(24)
      expect(body.comparison.points).toHaveLength(24)
      expect(body.comparison.points[15]).toEqual({ t: '2026-11-24T15:00:00.000Z', revenueCents: 6000, orderCount: 2 })
      expect(body.comparison.points[20]).toEqual({ t: '2026-11-24T20:00:00.000Z', revenueCents: 8000, orderCount: 1 })
      const days = await api.at(now).get('/analytics/timeseries?range=7d&compare=previous')
      expect(days.body.comparison.points).toHaveLength(7)
      expect(days.body.comparison.points[6].t).toBe('2026-11-18T00:00:00.000Z')
    })

    it('compares with the same dates a year before', async () => {
      await api.order('2025-11-24T12:00:00.000Z', 700, { method: 'other' })
      const { body } = await api.at(now).get('/analytics/summary?range=7d&compare=last_year')
      expect(body.comparison).toMatchObject({ compare: 'last_year', from: '2025-11-19T00:00:00.000Z', to: '2025-11-25T15:30:00.000Z', orderCount: 1, revenueCents: 700 })
      expect(body.comparison.byMethod[2]).toEqual({ method: 'other', amountCents: 700, count: 1 })
    })

    it('keeps revenue = Σ byMethod − refunds', async () => {
      const order = await api.order('2026-11-25T10:00:00.000Z', 900, { method: 'cash' })
      expect((await api.at('2026-11-25T11:00:00.000Z').patch(`/orders/${order.id}`, { status: 'refunded' })).status).toBe(200)
      const { body } = await api.at(now).get('/analytics/summary?range=today')
      const collected = body.byMethod.reduce((sum: number, m: any) => sum + m.amountCents, 0)
      expect(collected).toBe(1200)
      expect(body.refundedCents).toBe(900)
      expect(body.revenueCents).toBe(collected - body.refundedCents)
      expect(body.grossSalesCents).toBe(body.orderTotalCents)
    })
  })

  it('across a DST change (New York, the day after the clocks went back)', async () => {
    const api = await registerClockedStore(ctx.server.url, { timeZone: 'America/New_York' })
    // 1 Nov 2026 has 25 hours in New York; "now" is 2 Nov 10:00 EST (15:00Z).
    await api.order('2026-11-01T04:30:00.000Z', 100, { method: 'card' }) // 00:30 EDT: yesterday's first hour
    await api.order('2026-11-01T14:30:00.000Z', 200, { method: 'card' }) // 09:30 EST: before 10:00
    await api.order('2026-11-01T15:30:00.000Z', 400, { method: 'card' }) // 10:30 EST: after
    await api.order('2026-11-02T14:00:00.000Z', 800, { method: 'card' })
    const { body } = await api.at('2026-11-02T15:00:00.000Z').get('/analytics/summary?range=today&compare=previous')
    expect(body).toMatchObject({ from: '2026-11-02T05:00:00.000Z', revenueCents: 800 })
    expect(body.comparison).toMatchObject({ from: '2026-11-01T04:00:00.000Z', to: '2026-11-01T15:00:00.000Z', orderCount: 2, revenueCents: 300 })
    const series = await api.at('2026-11-02T15:00:00.000Z').get('/analytics/timeseries?range=today&compare=previous')
    expect(series.body.points).toHaveLength(24)
    expect(series.body.comparison.points[0]).toEqual({ t: '2026-11-01T04:00:00.000Z', revenueCents: 100, orderCount: 1 })
  })

  it('in a :30 zone (Kolkata), the partial hour starts at :30 UTC', async () => {
    const api = await registerClockedStore(ctx.server.url, { timeZone: 'Asia/Kolkata' })
    // now: 25 Nov 15:45 IST (10:15Z); yesterday's window: 23 Nov 18:30Z .. 24 Nov 10:15Z.
    await api.order('2026-11-23T18:20:00.000Z', 1, { method: 'card' }) // 23:50 IST on the 23rd: outside
    await api.order('2026-11-23T18:40:00.000Z', 10, { method: 'card' }) // 00:10 IST on the 24th
    await api.order('2026-11-24T09:45:00.000Z', 100, { method: 'cash' }) // 15:15 IST: the partial hour
    await api.order('2026-11-24T10:20:00.000Z', 1000, { method: 'card' }) // 15:50 IST: after
    const { body } = await api.at('2026-11-25T10:15:00.000Z').get('/analytics/summary?range=today&compare=previous')
    expect(body.from).toBe('2026-11-24T18:30:00.000Z')
    expect(body.comparison).toMatchObject({ from: '2026-11-23T18:30:00.000Z', to: '2026-11-24T10:15:00.000Z', orderCount: 2, revenueCents: 110 })
  })

  it('refuses bad ranges and comparisons with 400, changing nothing', async () => {
    const api = await registerClockedStore(ctx.server.url)
    api.at('2026-11-25T12:00:00.000Z')
    const cases: Array<[string, string]> = [
      ['/analytics/summary?range=custom', 'invalid_range'],
      ['/analytics/summary?range=custom&from=2026-11-20', 'invalid_range'],
      ['/analytics/summary?range=custom&from=2026-11-21&to=2026-11-20', 'invalid_range'],
      ['/analytics/summary?range=custom&from=2026-11-20&to=2026-11-26', 'invalid_range'],
      ['/analytics/summary?range=custom&from=2025-11-23&to=2026-11-24', 'invalid_range'],
      ['/analytics/summary?range=7d&from=2026-11-20', 'invalid_range'],
      ['/analytics/summary?range=custom&from=2026-02-30&to=2026-03-01', 'validation_failed'],
      ['/analytics/summary?range=custom&from=20261120&to=2026-11-21', 'validation_failed'],
      ['/analytics/summary?compare=tomorrow', 'validation_failed'],
      ['/analytics/summary?range=year', 'validation_failed'],
      ['/analytics/timeseries?range=custom&from=2026-11-26&to=2026-11-26', 'invalid_range'],
      ['/analytics/top-products?range=custom&to=2026-11-20', 'invalid_range'],
      ['/analytics/heatmap?range=today', 'validation_failed'],
      ['/analytics/heatmap?range=custom&from=2026-11-01&to=2027-01-01', 'invalid_range'],
    ]
    for (const [path, code] of cases) {
      const response = await api.get(path)
      expect({ path, status: response.status, body: response.body }).toEqual({ path, status: 400, body: { error: code, message: expect.any(String) } })
    }
    const ok = await api.get('/analytics/summary?range=custom&from=2025-11-25&to=2026-11-25')
    expect(ok.status).toBe(200)
  })
}, { env: TEST_CLOCK_ENV })
