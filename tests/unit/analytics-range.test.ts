import type { LoadedAnalytics } from '../../app/logic/analytics-range'
import { describe, expect, it } from 'vitest'
import { needsLoad, rangeFromQuery } from '../../app/logic/analytics-range'

const shown = (over: Partial<LoadedAnalytics> = {}): LoadedAnalytics => ({ range: 'today', hasData: true, source: 'network', inFlight: false, ...over })

describe('analytics range on opening the page', () => {
  it('reads ?range= and ignores anything else', () => {
    expect(rangeFromQuery('30d', 'today')).toBe('30d')
    expect(rangeFromQuery('1y', '7d')).toBe('7d')
    expect(rangeFromQuery(undefined, 'today')).toBe('today')
  })

  it('loads when nothing, another range or only the offline copy is shown', () => {
    expect(needsLoad(shown({ hasData: false }), 'today')).toBe(true)
    expect(needsLoad(shown(), '7d')).toBe(true)
    expect(needsLoad(shown({ source: 'cache' }), 'today')).toBe(true)
    expect(needsLoad(shown(), 'today')).toBe(false)
  })

  it('does not start the same load twice (route prefetch, then the page)', () => {
    expect(needsLoad(shown({ hasData: false, inFlight: true }), 'today')).toBe(false)
    expect(needsLoad(shown({ source: 'cache', inFlight: true }), 'today')).toBe(false)
    expect(needsLoad(shown({ hasData: false, inFlight: true }), '90d')).toBe(true)
  })
})
