import { describe, expect, it } from 'vitest'
import DateRangePicker from '../../app/components/insights/DateRangePicker.vue'
import ExportButtons from '../../app/components/insights/ExportButtons.vue'
import GoalRing from '../../app/components/insights/GoalRing.vue'
import HeatmapCard from '../../app/components/insights/HeatmapCard.vue'
import KpiDelta from '../../app/components/insights/KpiDelta.vue'
import MethodSplit from '../../app/components/insights/MethodSplit.vue'
// @vitest-environment happy-dom
import { mountWithI18n as mount } from '../helpers/i18n'

describe('insight components', () => {
  it('kpi delta: ▲ in green / ▼ in red, with words for screen readers', () => {
    const up = mount(KpiDelta, { props: { current: 112, previous: 100, label: 'vs same time yesterday' } })
    expect(up.classes()).toContain('up')
    expect(up.text()).toContain('▲ 12 %')
    expect(up.find('.visually-hidden').text()).toBe('up 12 percent vs same time yesterday')
    const down = mount(KpiDelta, { props: { current: 90, previous: 100, label: 'vs previous period' } })
    expect(down.classes()).toContain('down')
    expect(down.text()).toContain('▼ 10 %')
  })

  it('goal ring, method split, heatmap and export links render their figures', () => {
    const ring = mount(GoalRing, { props: { goal: { targetCents: 10000, collectedCents: 1500, expectedByNowCents: 2500 }, currency: 'USD' } })
    expect(ring.text()).toMatch(/to go, behind by/)
    const split = mount(MethodSplit, { props: { byMethod: [{ method: 'card', amountCents: 300, count: 1 }, { method: 'cash', amountCents: 100, count: 1 }, { method: 'other', amountCents: 0, count: 0 }], currency: 'USD' } })
    expect(split.findAll('li')).toHaveLength(3)
    expect(split.text()).toContain('75%')
    const cells = Array.from({ length: 168 }, (_, i) => ({ weekday: Math.floor(i / 24), hour: i % 24, orderCount: i === 30 ? 4 : 0, revenueCents: 0 }))
    const heatmap = mount(HeatmapCard, { props: { cells } })
    expect(heatmap.findAll('tbody td')).toHaveLength(168)
    // Hours as the locale writes them, like the chart and the lists (en-US here: 6 AM, not 06:00).
    expect(heatmap.findAll('tbody td')[30].attributes('title')).toBe('Tue 6 AM — 4 orders')
    expect(heatmap.findAll('thead .hour span:not(.visually-hidden)').map(h => h.text())).toEqual(['12 AM', '6 AM', '12 PM', '6 PM'])
    expect(heatmap.findAll('tbody td')[30].attributes('style')).toContain('--level: 1')
    const exports = mount(ExportButtons, { props: { range: 'custom', dates: { from: '2026-11-01', to: '2026-11-07' } } })
    expect(exports.get('[data-testid="export-orders"]').attributes('href')).toBe('/api/v1/exports/orders.csv?range=custom&from=2026-11-01&to=2026-11-07')
    expect(exports.get('[data-testid="export-daily"]').attributes()).toHaveProperty('download')
  })

  it('date range picker applies only ranges the API accepts', async () => {
    const picker = mount(DateRangePicker, { props: { max: '2026-11-25' } })
    await picker.get('[data-testid="range-from"]').setValue('2026-11-10')
    await picker.get('[data-testid="range-to"]').setValue('2026-11-26')
    await picker.get('form').trigger('submit')
    expect(picker.emitted('apply')).toBeUndefined()
    expect(picker.get('[role="alert"]').text()).toMatch(/after today/)
    await picker.get('[data-testid="range-to"]').setValue('2026-11-20')
    await picker.get('form').trigger('submit')
    expect(picker.emitted('apply')).toEqual([[{ from: '2026-11-10', to: '2026-11-20' }]])
  })
})
