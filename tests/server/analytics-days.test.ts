import type { ClockedApi } from './support/clocked-api'
import { beforeAll, describe, expect, it } from 'vitest'
import { describeWithServer } from '../helpers/test-server'
import { registerClockedStore, TEST_CLOCK_ENV } from './support/clocked-api'

const DAY = 86_400_000

function dateAdd(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10)
}

describeWithServer('business days, custom ranges, heatmap and goal', (ctx) => {
  it('dayStartsAt 04:00 and 16:00 move orders between days', async () => {
    const api = await registerClockedStore(ctx.server.url)
    api.at('2026-11-25T12:00:00.000Z')
    await api.order('2026-11-20T02:00:00.000Z', 1, { method: 'card' }) // 02:00: before a 04:00 start → the 19th
    await api.order('2026-11-20T05:00:00.000Z', 10, { method: 'card' })
    await api.order('2026-11-20T17:00:00.000Z', 100, { method: 'card' }) // after a 16:00 start → the 21st
    const day = async (date: string) => (await api.at('2026-11-25T12:00:00.000Z').get(`/analytics/summary?range=custom&from=${date}&to=${date}`)).body

    expect((await day('2026-11-20')).revenueCents).toBe(111)
    expect((await api.patch('/store', { dayStartsAt: '04:00' })).status).toBe(200)
    expect(await day('2026-11-19')).toMatchObject({ from: '2026-11-19T04:00:00.000Z', to: '2026-11-20T04:00:00.000Z', revenueCents: 1, orderCount: 1 })
    expect((await day('2026-11-20')).revenueCents).toBe(110)

    expect((await api.patch('/store', { dayStartsAt: '16:00' })).status).toBe(200)
    expect(await day('2026-11-20')).toMatchObject({ from: '2026-11-19T16:00:00.000Z', to: '2026-11-20T16:00:00.000Z', revenueCents: 11 })
    expect((await day('2026-11-21')).revenueCents).toBe(100)
    // "today" at 25 Nov 17:00Z is the business day 26 Nov (25 Nov 16:00 → 26 Nov 16:00).
    const today = await api.at('2026-11-25T17:00:00.000Z').get('/analytics/summary?range=today')
    expect(today.body).toMatchObject({ from: '2026-11-25T16:00:00.000Z', to: '2026-11-26T16:00:00.000Z' })
    const series = await api.at('2026-11-25T12:00:00.000Z').get('/analytics/timeseries?range=custom&from=2026-11-19&to=2026-11-21')
    expect(series.body.points.map((p: any) => [p.t, p.revenueCents])).toEqual([['2026-11-18T16:00:00.000Z', 0], ['2026-11-19T16:00:00.000Z', 11], ['2026-11-20T16:00:00.000Z', 100]])
  })

  describe('a week of orders in New York with a 04:00 start', () => {
    let api: ClockedApi
    const now = '2026-11-25T17:00:00.000Z'
    beforeAll(async () => {
      api = await registerClockedStore(ctx.server.url, { timeZone: 'America/New_York' })
      expect((await api.patch('/store', { dayStartsAt: '04:00' })).status).toBe(200)
      const methods = ['card', 'cash', 'other'] as const
      for (let i = 0; i < 40; i++) {
        const instant = new Date(Date.parse('2026-10-29T00:00:00.000Z') + i * 15 * 3_600_000 + i * 7 * 60_000).toISOString()
        await api.order(instant, 100 + i, i % 5 === 4 ? {} : { method: methods[i % 3] })
      }
      api.at(now)
    })

    it('a custom range equals the sum of its days; timeseries days match', async () => {
      const from = '2026-10-28'
      const to = '2026-11-25'
      const whole = (await api.get(`/analytics/summary?range=custom&from=${from}&to=${to}`)).body
      const keys = ['revenueCents', 'orderCount', 'orderTotalCents', 'pendingOrderCount', 'paidOrderCount', 'grossSalesCents'] as const
      const sum = Object.fromEntries(keys.map(key => [key, 0])) as Record<string, number>
      const methods = { card: 0, cash: 0, other: 0 } as Record<string, number>
      const series = (await api.get(`/analytics/timeseries?range=custom&from=${from}&to=${to}`)).body
      expect(series.bucket).toBe('day')
      expect(series.points).toHaveLength(29)
      for (let date = from, index = 0; date <= to; date = dateAdd(date, 1), index++) {
        const day = (await api.get(`/analytics/summary?range=custom&from=${date}&to=${date}`)).body
        for (const key of keys) sum[key] += day[key]
        for (const m of day.byMethod) methods[m.method] += m.amountCents
        expect(series.points[index]).toMatchObject({ t: day.from, revenueCents: day.revenueCents, orderCount: day.orderCount })
      }
      expect(sum).toEqual(Object.fromEntries(keys.map(key => [key, whole[key]])))
      expect(whole.orderCount).toBe(40)
      expect(whole.byMethod.map((m: any) => m.amountCents)).toEqual([methods.card, methods.cash, methods.other])
      expect(whole.byMethod.reduce((s: number, m: any) => s + m.amountCents, 0)).toBe(whole.revenueCents + whole.refundedCents)
    })

    it('the heatmap adds up to the summary, in store time', async () => {
      for (const query of ['range=30d', 'range=custom&from=2026-11-02&to=2026-11-15']) {
        const heatmap = (await api.get(`/analytics/heatmap?${query}`)).body
        const summary = (await api.get(`/analytics/summary?${query}`)).body
        expect(heatmap.cells).toHaveLength(168)
        expect(heatmap.cells.reduce((s: number, c: any) => s + c.orderCount, 0)).toBe(summary.orderCount)
        expect(heatmap.cells.reduce((s: number, c: any) => s + c.revenueCents, 0)).toBe(summary.revenueCents)
      }
      // Order 0: 29 Oct 00:00Z = Wed 28 Oct 20:00 EDT → weekday 2 (Wednesday), hour 20.
      const heatmap = (await api.get('/analytics/heatmap?range=custom&from=2026-10-28&to=2026-10-28')).body
      expect(heatmap.cells.filter((c: any) => c.orderCount > 0)).toEqual([{ weekday: 2, hour: 20, orderCount: 1, revenueCents: 100 }])
    })
  })

  it('goal pace follows how the same weekday sold in the last 4 weeks', async () => {
    const api = await registerClockedStore(ctx.server.url)
    // Wednesdays 28 Oct … 18 Nov: 1,000 at 08:00, 3,000 at 18:00; another weekday that must not count.
    for (const date of ['2026-10-28', '2026-11-04', '2026-11-11', '2026-11-18']) {
      await api.order(`${date}T08:00:00.000Z`, 1000, { method: 'card' })
      await api.order(`${date}T18:00:00.000Z`, 3000, { method: 'card' })
    }
    await api.order('2026-11-24T10:00:00.000Z', 50000, { method: 'card' })
    await api.order('2026-11-25T09:00:00.000Z', 1500, { method: 'cash' })
    const noGoal = await api.at('2026-11-25T12:00:00.000Z').get('/analytics/summary?range=today')
    expect(noGoal.body.goal).toBeUndefined()
    expect((await api.patch('/store', { dailyGoalCents: 10000 })).body.dailyGoalCents).toBe(10000)
    const noon = await api.at('2026-11-25T12:00:00.000Z').get('/analytics/summary?range=today')
    expect(noon.body.goal).toEqual({ targetCents: 10000, collectedCents: 1500, expectedByNowCents: 2500 })
    // Halfway through the 08:00 hour: half of that hour's 1,000 counts.
    const half = await api.at('2026-11-25T08:30:00.000Z').get('/analytics/summary?range=today')
    expect(half.body.goal.expectedByNowCents).toBe(1250)
    expect((await api.at('2026-11-25T12:00:00.000Z').get('/analytics/summary?range=7d')).body.goal).toBeUndefined()
    // Without history (a Thursday): evenly over the day.
    const thursday = await api.at('2026-11-26T06:00:00.000Z').get('/analytics/summary?range=today')
    expect(thursday.body.goal.expectedByNowCents).toBe(2500)
  })
}, { env: TEST_CLOCK_ENV })
