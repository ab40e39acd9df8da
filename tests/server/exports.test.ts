import type { ClockedApi } from './support/clocked-api'
import { beforeAll, expect, it } from 'vitest'
import { describeWithServer } from '../helpers/test-server'
import { registerClockedStore, TEST_CLOCK_ENV } from './support/clocked-api'
import { parseCsv } from './support/parse-csv'

const NOW = '2026-11-25T12:00:00.000Z'

describeWithServer('csv exports', (ctx) => {
  let api: ClockedApi
  beforeAll(async () => {
    api = await registerClockedStore(ctx.server.url, { timeZone: 'America/New_York', currency: 'USD' })
    // 1,100 orders over 21 days (more than one export chunk), then the tricky ones.
    for (let i = 0; i < 1100; i++) {
      const instant = new Date(Date.parse('2026-11-03T05:00:00.000Z') + i * 1_650_000).toISOString()
      await api.order(instant, 100 + i, i % 3 === 0 ? { method: i % 2 ? 'cash' : 'card' } : {})
    }
    await api.order('2026-11-24T15:00:00.000Z', 1234, { method: 'card', customerName: 'Smith, "Jo"\nsecond line', name: 'Tea, green' })
    await api.order('2026-11-24T15:01:00.000Z', 5, { customerName: '=HYPERLINK("http://evil")', name: '+cmd' })
    await api.order('2026-11-24T15:02:00.000Z', 5, { customerName: '-2+3', name: '@SUM(A1)' })
    await api.order('2026-11-24T15:03:00.000Z', 5, { customerName: '\tTabbed', name: 'Crème brûlée ☕' })
    api.at(NOW)
  }, 240_000)

  async function download(path: string): Promise<{ response: Response, rows: string[][] }> {
    const response = await api.raw(path)
    expect(response.status).toBe(200)
    return { response, rows: parseCsv(await response.text()) }
  }

  it('orders.csv: one row per order created in the range, streamed as an attachment', async () => {
    const { response, rows } = await download('/exports/orders.csv?range=30d')
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="orders-2026-10-27-to-2026-11-25.csv"')
    expect(rows[0]).toEqual(['number', 'created_at', 'status', 'currency', 'total', 'paid', 'refunded', 'payment_methods', 'customer', 'items'])
    const summary = (await api.get('/analytics/summary?range=30d')).body
    expect(rows.length - 1).toBe(summary.orderCount + summary.cancelledOrderCount)
    expect(rows.length - 1).toBe(1104)
    expect(new Set(rows.slice(1).map(row => row[0])).size).toBe(1104)
    // Oldest first, in store time: order 1001 at 3 Nov 05:00Z is 00:00 EST.
    expect(rows[1]).toEqual(['1001', '2026-11-03 00:00:00', 'paid', 'USD', '1.00', '1.00', '0.00', 'card', '', '1 × Latte'])
    const week = await download('/exports/orders.csv?range=custom&from=2026-11-10&to=2026-11-16')
    const weekSummary = (await api.get('/analytics/summary?range=custom&from=2026-11-10&to=2026-11-16')).body
    expect(week.rows.length - 1).toBe(weekSummary.orderCount)
    expect(week.rows.slice(1).every(row => row[1] >= '2026-11-10' && row[1] < '2026-11-17')).toBe(true)
  })

  it('quotes commas, quotes and newlines, keeps UTF-8, and neutralises formulas', async () => {
    const { rows } = await download('/exports/orders.csv?range=custom&from=2026-11-24&to=2026-11-24')
    const tricky = rows.slice(-4)
    expect(tricky[0].slice(4)).toEqual(['12.34', '12.34', '0.00', 'card', 'Smith, "Jo"\nsecond line', '1 × Tea, green'])
    expect(tricky[1].slice(8)).toEqual(['\'=HYPERLINK("http://evil")', '1 × +cmd'])
    expect(tricky[2].slice(8)).toEqual(['\'-2+3', '1 × @SUM(A1)'])
    // The API trims names, so a leading tab or CR cannot arrive this way (tests/server-logic/csv-cells.test.ts covers them).
    expect(tricky[3].slice(8)).toEqual(['Tabbed', '1 × Crème brûlée ☕'])
    for (const row of rows) {
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\r]/)
    }
  })

  it('daily.csv: one row per business day with the summary\'s figures', async () => {
    const { response, rows } = await download('/exports/daily.csv?range=7d')
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="daily-2026-11-19-to-2026-11-25.csv"')
    expect(rows[0]).toEqual(['date', 'orders', 'gross_sales', 'collected', 'refunds', 'revenue', 'average_order'])
    expect(rows.slice(1).map(row => row[0])).toEqual(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25'])
    for (const row of rows.slice(1)) {
      const day = (await api.get(`/analytics/summary?range=custom&from=${row[0]}&to=${row[0]}`)).body
      const money = (cents: number) => (cents / 100).toFixed(2)
      expect(row).toEqual([row[0], String(day.orderCount), money(day.grossSalesCents), money(day.revenueCents + day.refundedCents), money(day.refundedCents), money(day.revenueCents), money(day.averageOrderValueCents)])
    }
  })

  it('refuses bad ranges with 400 before it starts a download', async () => {
    for (const path of ['/exports/orders.csv?range=custom&from=2026-11-20', '/exports/daily.csv?range=year', '/exports/orders.csv?range=custom&from=2026-11-20&to=2026-11-30']) {
      const response = await api.get(path)
      expect(response.status).toBe(400)
      expect(response.body).toEqual({ error: expect.stringMatching(/^(invalid_range|validation_failed)$/), message: expect.any(String) })
    }
    const anonymous = await fetch(`${ctx.server.url}/api/v1/exports/orders.csv`)
    expect(anonymous.status).toBe(401)
  })
}, { env: TEST_CLOCK_ENV })
