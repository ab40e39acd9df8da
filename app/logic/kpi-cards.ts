import type { Summary } from '~shared/types/api'
import type { KpiKey } from './analytics-data'
import type { Translate } from './translate'
import { formatCount, formatMoney, formatShortCount, formatShortMoney } from './format'

export interface KpiCardView { key: KpiKey, label: string, testid: string, value: string, short?: string, hint?: string }

/**
 * The four KPI cards, named for what each figure counts so that none reads as contradicting another:
 * "Collected" is money in (payments less refunds, by when it moved), "Orders", "Avg. sale" and the sales
 * total are order totals (paid or not, by when the order was made). See docs/api.md, Analytics.
 */
export function kpiCards(summary: Summary | undefined, currency: string, t: Translate): KpiCardView[] {
  const money = (cents: number) => formatMoney(cents, currency)
  const s = summary
  return [
    {
      key: 'revenue',
      label: t('analytics.kpi.collected'),
      testid: 'kpi-revenue',
      value: s ? money(s.revenueCents) : '—',
      short: s ? formatShortMoney(s.revenueCents, currency) : undefined,
      hint: s && s.refundedCents > 0 ? t('analytics.kpi.collectedLessRefunds', { amount: money(s.refundedCents) }) : t('analytics.kpi.collectedHint'),
    },
    {
      key: 'orders',
      label: t('analytics.kpi.orders'),
      testid: 'kpi-orders',
      value: s ? formatCount(s.orderCount) : '—',
      short: s ? formatShortCount(s.orderCount) : undefined,
      hint: s ? t('analytics.kpi.ordersHint', { sales: money(s.orderTotalCents), paid: formatCount(s.paidOrderCount) }) : undefined,
    },
    {
      key: 'aov',
      label: t('analytics.kpi.averageSale'),
      testid: 'kpi-aov',
      value: s ? money(s.averageOrderValueCents) : '—',
      short: s ? formatShortMoney(s.averageOrderValueCents, currency) : undefined,
      hint: t('analytics.kpi.averageSaleHint'),
    },
    {
      key: 'pending',
      label: t('analytics.kpi.pending'),
      testid: 'kpi-pending',
      value: s ? formatCount(s.pendingOrderCount) : '—',
      short: s ? formatShortCount(s.pendingOrderCount) : undefined,
      hint: t('analytics.kpi.pendingHint'),
    },
  ]
}
