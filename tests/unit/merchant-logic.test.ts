// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { t } from '../../app/i18n'
import { hourInZone, nearestIndex, niceScale, xRange, xTicks, ySplits } from '../../app/logic/chart-scale'
import { formatShortCount, formatShortMoney } from '../../app/logic/format'
import { dueCents, filterOrders, orderLabel, orderListQuery } from '../../app/logic/order-view'
import { canJoin, TOAST_MAX_MS, TOAST_MS, toastDeadline, withLeaving } from '../../app/logic/toast-life'
import { useToastStore } from '../../app/stores/toasts'
import { streamEvent } from './fixtures'
import '../helpers/i18n'

describe('toast life', () => {
  it('is 5 s after the latest event, capped at 10 s after the toast opened', () => {
    expect(toastDeadline(0, 0)).toBe(TOAST_MS)
    expect(toastDeadline(0, 4000)).toBe(9000)
    expect(toastDeadline(0, 8000)).toBe(TOAST_MAX_MS)
    expect(canJoin(0, 8000)).toBe(true)
    expect(canJoin(0, 9000)).toBe(false)
  })

  it('keeps dropped toasts in their places, marked leaving, until they are dropped from what is shown', () => {
    const [a, b, c, d] = [1, 2, 3, 4].map(id => ({ id }))
    expect(withLeaving([], [a, b])).toEqual([a, b])
    const shown = withLeaving([a, b, c], [a, c, d])
    expect(shown).toEqual([a, { id: 2, leaving: true }, c, d])
    expect(shown[0]).toBe(a)
    // The oldest drops out as a new one comes (at most three): it fades at the top, the new one below.
    const next = withLeaving(shown, [c, d])
    expect(next).toEqual([{ id: 1, leaving: true }, { id: 2, leaving: true }, c, d])
    expect(next[1]).toBe(shown[1])
    expect(withLeaving(next.filter(t => t !== next[0]), [])).toEqual([{ id: 2, leaving: true }, { id: 3, leaving: true }, { id: 4, leaving: true }])
  })

  describe('in the store', () => {
    beforeEach(() => {
      setActivePinia(createPinia())
      vi.useFakeTimers()
    })
    afterEach(() => {
      vi.useRealTimers()
    })

    it('an order every second never pins one toast up: it leaves after 10 s and a new one takes over', () => {
      const toasts = useToastStore()
      const seen = new Set<number>()
      for (let i = 0; i < 25; i++) {
        toasts.fromEvent(streamEvent('order_created', i + 1, {}, { number: 1000 + i, totalCents: 100 }), () => false)
        for (const toast of toasts.toasts) seen.add(toast.id)
        expect(toasts.toasts.filter(t => t.kind === 'live')).toHaveLength(1)
        expect(Date.now() - toasts.toasts[0].openedAt).toBeLessThanOrEqual(TOAST_MAX_MS)
        vi.advanceTimersByTime(1000)
      }
      expect(seen.size).toBeGreaterThanOrEqual(3)
      vi.advanceTimersByTime(TOAST_MS)
      expect(toasts.toasts).toHaveLength(0)
    })
  })
})

describe('chart scale', () => {
  it('y steps are 1, 2 or 5 × 10ⁿ whole units, never $0.30', () => {
    expect(niceScale(0)).toEqual({ bottom: 0, top: 4, step: 1 })
    expect(niceScale(0.8)).toEqual({ bottom: 0, top: 1, step: 1 })
    expect(niceScale(7.3)).toEqual({ bottom: 0, top: 8, step: 2 })
    expect(niceScale(640)).toEqual({ bottom: 0, top: 800, step: 200 })
    expect(niceScale(14_322.8)).toEqual({ bottom: 0, top: 15_000, step: 5000 })
    expect(niceScale(100, -30)).toEqual({ bottom: -50, top: 150, step: 50 })
    expect(ySplits(0, 800, 200)).toEqual([0, 200, 400, 600, 800])
  })

  it('x range leaves half a bucket each side, so the edge bars are whole', () => {
    expect(xRange([3600, 7200, 10_800], 'hour')).toEqual([1800, 12_600])
    expect(xRange([0, 86_400], 'day')).toEqual([-43_200, 129_600])
  })

  it('hour ticks fall on round hours of the store\'s clock, whatever the zone of the machine', () => {
    // Today in Tokyo: 24 hours from local midnight (15:00 UTC the day before).
    const start = Date.UTC(2026, 10, 28, 15) / 1000
    const xs = Array.from({ length: 24 }, (_, i) => start + i * 3600)
    expect(hourInZone(start, 'Asia/Tokyo')).toBe(0)
    const wide = xTicks(xs, 'hour', 'Asia/Tokyo', 1000)
    expect(wide).toEqual(xs.filter((_, i) => i % 2 === 0))
    const narrow = xTicks(xs, 'hour', 'Asia/Tokyo', 220)
    expect(narrow.map(x => hourInZone(x, 'Asia/Tokyo'))).toEqual([0, 6, 12, 18])
    for (const tick of narrow) expect(xs).toContain(tick)
  })

  it('day ticks count back from the last day (today is always labelled)', () => {
    const xs = Array.from({ length: 30 }, (_, i) => i * 86_400)
    const ticks = xTicks(xs, 'day', 'UTC', 320)
    expect(ticks.at(-1)).toBe(xs.at(-1))
    expect(ticks.length).toBeLessThanOrEqual(320 / 48)
    expect(nearestIndex(xs, 86_400 * 2.4)).toBe(2)
    expect(nearestIndex([], 1)).toBe(-1)
  })
})

describe('orders view', () => {
  const order = (number: number, status: any, paidCents = 0, customerName: string | null = null) => ({ number, status, totalCents: 1250, paidCents, customerName, items: [{ name: number === 1001 ? 'Flat White' : 'Latte' }] })

  it('a pending order with some money in is part paid, with what is due', () => {
    expect(orderLabel(order(1, 'pending', 300))).toBe('part-paid')
    expect(dueCents(order(1, 'pending', 300))).toBe(950)
    expect(orderLabel(order(1, 'pending'))).toBe('pending')
    expect(orderLabel(order(1, 'cancelled', 300))).toBe('cancelled')
  })

  it('filters by status (Pending includes part paid) and searches number or customer', () => {
    const orders = [order(1004, 'pending', 300, 'Ada Byron'), order(1003, 'pending', 0, 'Grace'), order(1002, 'paid', 1250, 'Ada Lovelace'), order(1001, 'cancelled', 0, null)]
    const numbers = (list: Array<{ number: number }>) => list.map(o => o.number)
    expect(numbers(filterOrders(orders, 'all', ''))).toEqual([1004, 1003, 1002, 1001])
    expect(numbers(filterOrders(orders, 'pending', ''))).toEqual([1004, 1003])
    expect(numbers(filterOrders(orders, 'part-paid', ''))).toEqual([1004])
    expect(numbers(filterOrders(orders, 'all', '#1002'))).toEqual([1002])
    expect(numbers(filterOrders(orders, 'all', '100'))).toEqual([1004, 1003, 1002, 1001])
    expect(numbers(filterOrders(orders, 'all', ' ADA '))).toEqual([1004, 1002])
    expect(numbers(filterOrders(orders, 'paid', 'ada'))).toEqual([1002])
    expect(numbers(filterOrders(orders, 'all', 'zoe'))).toEqual([])
    expect(numbers(filterOrders(orders, 'all', 'white'))).toEqual([1001])
    expect(numbers(filterOrders(orders, 'pending', '12.50'))).toEqual([1004, 1003])
  })

  it('asks the server with the same filter and search', () => {
    expect(orderListQuery('all', '  ')).toBe('')
    expect(orderListQuery('part-paid', '')).toBe('&status=part_paid')
    expect(orderListQuery('paid', ' Ada & co ')).toBe('&status=paid&q=Ada+%26+co')
  })
})

describe('short figures', () => {
  it('abbreviates from 10,000 units up', () => {
    expect(formatShortMoney(1_432_280, 'USD')).toBe('$14.3K')
    expect(formatShortMoney(863, 'USD')).toBe('$8.63')
    expect(formatShortCount(12_400)).toBe('12.4K')
    expect(formatShortCount(396)).toBe('396')
  })
})

describe('badge state', () => {
  it('says Paused, Offline, Connecting… or Live for what is true', async () => {
    const { badgeState, CONNECTING_GRACE_MS } = await import('../../app/logic/badge-state')
    const base = { realtime: true, online: true, status: 'connecting' as const, notLiveForMs: 0 }
    expect(badgeState({ ...base, realtime: false, status: 'offline' })).toBe('paused')
    expect(badgeState({ ...base, realtime: false, online: false })).toBe('paused')
    expect(badgeState({ ...base, online: false })).toBe('offline')
    expect(badgeState(base)).toBe('connecting')
    expect(badgeState({ ...base, notLiveForMs: CONNECTING_GRACE_MS - 1 })).toBe('connecting')
    expect(badgeState({ ...base, notLiveForMs: CONNECTING_GRACE_MS })).toBe('offline')
    expect(badgeState({ ...base, status: 'live', notLiveForMs: 60_000 })).toBe('live')
    expect(badgeState({ ...base, status: 'offline' })).toBe('offline')
    // A live connection lost (a drop or a stall): Reconnecting… for the same grace, then Offline.
    expect(badgeState({ ...base, wasLive: true })).toBe('reconnecting')
    expect(badgeState({ ...base, wasLive: true, notLiveForMs: CONNECTING_GRACE_MS })).toBe('offline')
    expect(badgeState({ ...base, wasLive: true, online: false })).toBe('offline')
  })
})

describe('kPI cards', () => {
  it('name what each figure counts, with a short form for narrow cards', async () => {
    const { kpiCards } = await import('../../app/logic/kpi-cards')
    const { summary } = await import('./fixtures')
    const cards = kpiCards(summary({ revenueCents: 1_432_280, orderCount: 3, orderTotalCents: 2589, averageOrderValueCents: 863, refundedCents: 0 }), 'USD', t)
    expect(cards.map(c => c.label)).toEqual(['Collected', 'Orders', 'Avg. sale', 'Pending'])
    expect(cards[0]).toMatchObject({ value: '$14,322.80', short: '$14.3K', hint: 'payments received' })
    expect(cards[1].hint).toMatch(/^\$25\.89 sales · \d+ paid$/)
    expect(kpiCards(undefined, 'USD', t).map(c => c.value)).toEqual(['—', '—', '—', '—'])
  })
})
