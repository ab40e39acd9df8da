import { afterEach, describe, expect, it } from 'vitest'
import { t } from '../../app/i18n'
import { businessDateEndingAt, hasHeatmap, readComparisonChoice, reportQuery, saveComparisonChoice } from '../../app/logic/analytics-range'
import { applyEvent, dataFromSnapshot } from '../../app/logic/apply-event'
import { goalStatus } from '../../app/logic/goal'
import { comparisonLabel, deltaOf, exportUrl, heatLevels, methodShares } from '../../app/logic/insights'
import { useTestLanguage } from '../helpers/i18n'
import { FROM, streamEvent, summary, timeseries, TO } from './fixtures'

describe('insights', () => {
  it('gives the change vs the comparison, in words too', () => {
    expect(deltaOf(112, 100, 'vs same time yesterday', t)).toEqual({ direction: 'up', percent: 12, spoken: 'up 12 percent vs same time yesterday' })
    expect(deltaOf(97, 100, 'vs previous period', t)).toMatchObject({ direction: 'down', percent: 3 })
    expect(deltaOf(0, 0, 'x', t).direction).toBe('flat')
    expect(deltaOf(5, 0, 'x', t)).toMatchObject({ direction: 'new', percent: null })
    expect(comparisonLabel('today', 'previous', t)).toBe('vs same time yesterday')
    expect(comparisonLabel('7d', 'previous', t)).toBe('vs previous period')
    expect(comparisonLabel('7d', 'last_year', t)).toBe('vs last year')
  })

  afterEach(() => useTestLanguage('en'))

  it('says the change and the goal in the interface\'s language', () => {
    useTestLanguage('es', 'es-ES')
    const label = comparisonLabel('today', 'previous', t)
    expect(label).toBe('vs. ayer a la misma hora')
    expect(deltaOf(112, 100, label, t).spoken).toBe('sube un 12 por ciento vs. ayer a la misma hora')
    useTestLanguage('de', 'de-DE')
    expect(goalStatus({ targetCents: 10000, collectedCents: 1500, expectedByNowCents: 2500 }, 'USD', t).text).toBe('Noch 85,00\u00A0$, 10,00\u00A0$ hinter Plan')
  })

  it('says how the goal stands', () => {
    expect(goalStatus({ targetCents: 10000, collectedCents: 3000, expectedByNowCents: 2500 }, 'USD', t)).toMatchObject({ progress: 0.3, onPace: true })
    const behind = goalStatus({ targetCents: 10000, collectedCents: 1500, expectedByNowCents: 2500 }, 'USD', t)
    expect(behind.onPace).toBe(false)
    expect(behind.text).toMatch(/to go, behind by/)
    expect(goalStatus({ targetCents: 100, collectedCents: 150, expectedByNowCents: 50 }, 'USD', t)).toEqual({ progress: 1, text: 'Goal reached', onPace: true })
  })

  it('splits methods, scales the heatmap and builds export links', () => {
    expect(methodShares([{ method: 'card', amountCents: 750, count: 3 }, { method: 'cash', amountCents: 250, count: 1 }, { method: 'other', amountCents: 0, count: 0 }]).map(m => m.share)).toEqual([75, 25, 0])
    expect(heatLevels([{ weekday: 0, hour: 0, orderCount: 2, revenueCents: 0 }, { weekday: 0, hour: 1, orderCount: 4, revenueCents: 0 }])).toEqual([0.5, 1])
    expect(exportUrl('orders', 'custom', { from: '2026-11-01', to: '2026-11-07' })).toBe('/api/v1/exports/orders.csv?range=custom&from=2026-11-01&to=2026-11-07')
    expect(exportUrl('daily', '30d')).toBe('/api/v1/exports/daily.csv?range=30d')
  })

  it('remembers the comparison per range on this device (previous until chosen otherwise)', () => {
    const map = new Map<string, string>()
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) }
    expect(readComparisonChoice('today', storage)).toBe('previous')
    saveComparisonChoice('today', null, storage)
    saveComparisonChoice('7d', 'last_year', storage)
    expect(readComparisonChoice('today', storage)).toBeNull()
    expect(readComparisonChoice('7d', storage)).toBe('last_year')
    expect(readComparisonChoice('30d', storage)).toBe('previous')
    saveComparisonChoice('today', 'previous', storage)
    expect(readComparisonChoice('today', storage)).toBe('previous')
    const denied = { getItem: (): string | null => {
      throw new Error('denied')
    } }
    expect(readComparisonChoice('90d', denied)).toBe('previous')
  })

  it('builds report queries, says where a heatmap belongs and names today\'s business date', () => {
    expect(reportQuery('today', null, 'previous')).toBe('range=today&compare=previous')
    expect(reportQuery('custom', { from: '2026-11-01', to: '2026-11-07' }, null)).toBe('range=custom&from=2026-11-01&to=2026-11-07')
    expect(['today', '7d', '30d', '90d', 'custom'].map(r => hasHeatmap(r as 'today'))).toEqual([false, false, true, true, true])
    // A day starting 16:00 in Berlin: 29 Nov 16:00 → 30 Nov 16:00 is "30 November".
    expect(businessDateEndingAt('2026-11-30T15:00:00.000Z', 'Europe/Berlin')).toBe('2026-11-30')
    expect(businessDateEndingAt('2026-11-30T00:00:00.000Z', 'UTC')).toBe('2026-11-29')
  })
})

describe('live events and the new figures', () => {
  it('move byMethod and gross sales; the comparison stays as it was', () => {
    const comparison = { ...summary(), compare: 'previous' as const, from: FROM, to: TO }
    let data = dataFromSnapshot(summary({ comparison }), timeseries(), null)
    data = applyEvent(data, streamEvent('order_created', 11)).data
    const paid = applyEvent(data, streamEvent('payment_received', 12, {}, { paidCents: 1250 })).data.summary
    expect(paid.grossSalesCents).toBe(11_250)
    expect(paid.byMethod[0]).toEqual({ method: 'card', amountCents: 11_250, count: 4 })
    expect(paid.byMethod.reduce((sum, m) => sum + m.amountCents, 0) - paid.refundedCents).toBe(paid.revenueCents)
    expect(paid.comparison).toBe(comparison)
  })
})
