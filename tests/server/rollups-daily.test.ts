import type { DbReader } from '../helpers/db-reader'
import type { ClockedApi } from './support/clocked-api'
import type { PlatformApis } from './support/platform-apis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeWithServer } from '../helpers/test-server'
import { waitUntil } from '../helpers/wait'
import { registerClockedStore, TEST_CLOCK_ENV } from './support/clocked-api'
import { connect } from './support/connectors'
import { platformEnv, startPlatformApis, stripeCharges, uniqueKey } from './support/platform-apis'

// The platforms' list APIs run before Pulse starts: its environment points every platform at them.
const apis: PlatformApis = await startPlatformApis()
afterAll(() => apis.close())

const COLUMNS = ['revenue_cents', 'refunded_cents', 'payment_count', 'order_count', 'order_total_cents', 'pending_count', 'paid_count', 'fulfilled_count', 'cancelled_count', 'refunded_count', 'method_card_cents', 'method_card_count', 'method_cash_cents', 'method_cash_count', 'method_other_cents', 'method_other_count']

function localDate(bucket: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(bucket))
}

function sums(row: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(COLUMNS.map(column => [column, Number(row[column])]))
}

/** rollups_daily of the store must be its rollups_hourly summed by each bucket's local date in `timeZone`, row for row. */
async function expectDaysOfHours(db: DbReader, storeId: string, timeZone: string): Promise<void> {
  const hours = await db.all<Record<string, unknown>>('select * from rollups_hourly where store_id = ?', [storeId])
  const days = await db.all<Record<string, unknown>>('select * from rollups_daily where store_id = ? order by day', [storeId])
  const expected = new Map<string, Record<string, number>>()
  for (const hour of hours) {
    const day = localDate(String(hour.bucket), timeZone)
    const sum = expected.get(day) ?? Object.fromEntries(COLUMNS.map(column => [column, 0]))
    for (const column of COLUMNS) sum[column] += Number(hour[column])
    expected.set(day, sum)
  }
  expect(hours.length).toBeGreaterThan(0)
  expect(Object.fromEntries(days.map(row => [row.day, sums(row)]))).toEqual(Object.fromEntries([...expected].sort(([a], [b]) => a.localeCompare(b))))
}

describeWithServer('rollups_daily is the hourly rollups summed by local date', (ctx) => {
  let api: ClockedApi
  let storeId: string

  beforeAll(async () => {
    api = await registerClockedStore(ctx.server.url, { storeName: 'Night Owl', timeZone: 'America/New_York', currency: 'USD' })
    storeId = (await api.get('/auth/me')).body.store.id
  })

  it('after orders, payments, refunds, status changes and cancellations around local midnight', async () => {
    // 04:30Z is 23:30 on the 19th in New York, 05:10Z 00:10 on the 20th.
    await api.order('2026-11-20T04:30:00.000Z', 1200, { method: 'card' })
    await api.order('2026-11-20T05:10:00.000Z', 800, { method: 'cash' })
    await api.order('2026-11-20T04:50:00.000Z', 950, { method: 'other', paidAt: '2026-11-21T14:00:00.000Z' })
    const pending = await api.order('2026-11-21T04:59:00.000Z', 400)
    const partly = await api.order('2026-11-21T12:00:00.000Z', 3000)
    expect((await api.at('2026-11-22T04:40:00.000Z').post(`/orders/${partly.id}/payments`, { amountCents: 1000, method: 'card' })).status).toBe(201)
    expect((await api.at('2026-11-22T04:50:00.000Z').post(`/orders/${partly.id}/payments`, { amountCents: 2000, method: 'other' })).status).toBe(201)
    expect((await api.at('2026-11-22T05:20:00.000Z').post(`/orders/${partly.id}/refunds`, { amountCents: 300 })).status).toBe(201)
    const done = await api.order('2026-11-22T16:00:00.000Z', 2500, { method: 'card' })
    expect((await api.at('2026-11-22T17:00:00.000Z').patch(`/orders/${done.id}`, { status: 'fulfilled' })).status).toBe(200)
    expect((await api.at('2026-11-23T04:45:00.000Z').patch(`/orders/${done.id}`, { status: 'refunded' })).status).toBe(200)
    expect((await api.at('2026-11-23T05:15:00.000Z').patch(`/orders/${pending.id}`, { status: 'cancelled' })).status).toBe(200)
    const paidThenCancelled = await api.order('2026-11-23T12:00:00.000Z', 600)
    expect((await api.at('2026-11-23T12:05:00.000Z').post(`/orders/${paidThenCancelled.id}/payments`, { amountCents: 200, method: 'cash' })).status).toBe(201)
    expect((await api.at('2026-11-24T04:55:00.000Z').patch(`/orders/${paidThenCancelled.id}`, { status: 'cancelled' })).status).toBe(200)
    await expectDaysOfHours(ctx.db, storeId, 'America/New_York')
    const days = await ctx.db.all<{ day: string }>('select day from rollups_daily where store_id = ? order by day', [storeId])
    expect(days.map(row => row.day)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'])
  })

  it('after zone changes: re-bucketed to and from a :30 zone, and between whole-hour zones where the hours stay but their dates move', async () => {
    api.at('2026-11-25T12:00:00.000Z')
    expect((await api.patch('/store', { timeZone: 'Asia/Kolkata' })).status).toBe(200)
    await expectDaysOfHours(ctx.db, storeId, 'Asia/Kolkata')
    expect((await api.patch('/store', { timeZone: 'UTC' })).status).toBe(200)
    await expectDaysOfHours(ctx.db, storeId, 'UTC')
    const before = await ctx.db.all<Record<string, unknown>>('select bucket from rollups_hourly where store_id = ? order by bucket', [storeId])
    expect((await api.patch('/store', { timeZone: 'America/Los_Angeles' })).status).toBe(200)
    // The same hours (no re-bucketing), in other dates: 04:30Z is the 19th in Los Angeles.
    expect(await ctx.db.all<Record<string, unknown>>('select bucket from rollups_hourly where store_id = ? order by bucket', [storeId])).toEqual(before)
    await expectDaysOfHours(ctx.db, storeId, 'America/Los_Angeles')
    // Later writes count in the new zone's dates.
    await api.order('2026-11-25T07:30:00.000Z', 700, { method: 'card' })
    await api.order('2026-11-25T08:30:00.000Z', 900, { method: 'cash' })
    await expectDaysOfHours(ctx.db, storeId, 'America/Los_Angeles')
  })

  it('after a history import: sales at their own times, one partly refunded', async () => {
    const key = uniqueKey('rk_test_')
    const now = Math.floor(Date.now() / 1000)
    const times = Array.from({ length: 40 }, (_, i) => now - 3600 - i * 11 * 3600 - 17)
    apis.serve('stripe', key, stripeCharges(times, i => i === 3 ? { amount_refunded: 250 } : {}))
    const made = await connect(api.api, 'stripe', { apiKey: key })
    const since = new Date((now - 25 * 86_400) * 1000).toISOString().slice(0, 10)
    expect((await api.api.post(`/connections/${made.id}/backfill`, { since })).status).toBe(202)
    const done = await waitUntil(async () => {
      const state = await api.api.get(`/connections/${made.id}/backfill`)
      return state.body.status !== 'running' && state.body
    }, 'the import to finish', 30_000, 100)
    expect(done).toMatchObject({ status: 'done', imported: 40 })
    await expectDaysOfHours(ctx.db, storeId, 'America/Los_Angeles')
  })
}, { db: true, env: { ...TEST_CLOCK_ENV, ...platformEnv(apis) } })
