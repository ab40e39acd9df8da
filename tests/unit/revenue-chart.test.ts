import { describe, expect, it } from 'vitest'
import { t } from '../../app/i18n'
import { bucketForKey, bucketReadout, chartColumns, chartSummary, compareName, revenueScale } from '../../app/logic/revenue-chart'
import { timeseries } from './fixtures'
import '../helpers/i18n'

function series() {
  const base = timeseries()
  base.points[3] = { ...base.points[3], revenueCents: 12_000, orderCount: 2 }
  base.points[5] = { ...base.points[5], revenueCents: -500, orderCount: 0 }
  return base
}

describe('revenue chart logic', () => {
  it('names the comparison by range and kind', () => {
    const today = series()
    expect(compareName(today, t)).toBe('')
    const compared = { compare: 'previous' as const, from: today.from, to: today.to, points: today.points.map(p => ({ ...p, revenueCents: 100 })) }
    expect(compareName({ ...today, comparison: compared }, t)).toBe('Yesterday')
    expect(compareName({ ...today, range: '7d', comparison: compared }, t)).toBe('Previous period')
    expect(compareName({ ...today, comparison: { ...compared, compare: 'last_year' } }, t)).toBe('Last year')
    expect(chartColumns({ ...today, comparison: compared }, 'USD')).toHaveLength(3)
    expect(chartColumns(today, 'USD')).toHaveLength(2)
  })

  it('says the total and the highest bucket, its time only once asked for', () => {
    expect(chartSummary(series(), 'USD', t)).toBe('Collected over time: $115.00 in total, highest $120.00.')
    expect(chartSummary(series(), 'USD', t, () => '8 AM')).toBe('Collected over time: $115.00 in total, highest $120.00 (8 AM).')
    expect(bucketReadout(series(), 3, 'USD', 'UTC', t)).toMatch(/: \$120\.00 collected · 2 orders$/)
    expect(bucketReadout(series(), 99, 'USD', 'UTC', t)).toBeNull()
  })

  it('a scale from below the lowest refund to above the highest bar', () => {
    const { bottom, top } = revenueScale(series(), 'USD')
    expect(bottom).toBeLessThanOrEqual(-5)
    expect(top).toBeGreaterThanOrEqual(120)
  })

  it('arrow keys step through the buckets, Home and End jump, Escape clears, other keys are not the chart\'s', () => {
    expect(bucketForKey('ArrowLeft', null, 24)).toBe(23)
    expect(bucketForKey('ArrowRight', null, 24)).toBe(0)
    expect(bucketForKey('ArrowLeft', 0, 24)).toBe(0)
    expect(bucketForKey('ArrowRight', 23, 24)).toBe(23)
    expect(bucketForKey('End', 2, 24)).toBe(23)
    expect(bucketForKey('Escape', 2, 24)).toBeNull()
    expect(bucketForKey('a', 2, 24)).toBeUndefined()
    expect(bucketForKey('Home', null, 0)).toBeUndefined()
  })
})
