import type { Summary } from '~shared/types/api'
import type { KpiKey } from './analytics-data'
import { formatCount, formatMoney, formatShortCount, formatShortMoney } from './format'

export interface KpiCardView { key: KpiKey, label: string, testid: string, value: string, short?: string, hint?: string }

/**
 * The four KPI cards, named for what each figure counts so that none reads as contradicting another:
 * "Collected" is money in (payments less refunds, by when it moved), "Orders", "Avg. sale" and the sales
 * total are order totals (paid or not, by when the order was made). See docs/api.md, Analytics.
 */
export function kpiCards(summary: Summary | undefined, currency: string): KpiCardView[] {
  const money = (cents: number) => formatMoney(cents, currency)
  const s = summary
  return [
    {
      key: 'revenue',
      label: 'Collected',
      testid: 'kpi-revenue',
      value: s ? money(s.revenueCents) : '—',
      short: s ? formatShortMoney(s.revenueCents, currency) : undefined,
      hint: s && s.refundedCents > 0 ? `payments, less ${money(s.refundedCents)} refunded` : 'payments received',
    },
    {
      key: 'orders',
      label: 'Orders',
      testid: 'kpi-orders',
      value: s ? formatCount(s.orderCount) : '—',
      short: s ? formatShortCount(s.orderCount) : undefined,
      hint: s ? `${money(s.orderTotalCents)} sales · ${formatCount(s.paidOrderCount)} paid` : undefined,
    },
    {
      key: 'aov',
      label: 'Avg. sale',
      testid: 'kpi-aov',
      value: s ? money(s.averageOrderValueCents) : '—',
      short: s ? formatShortMoney(s.averageOrderValueCents, currency) : undefined,
      hint: 'per order, paid or not',
    },
    {
      key: 'pending',
      label: 'Pending',
      testid: 'kpi-pending',
      value: s ? formatCount(s.pendingOrderCount) : '—',
      short: s ? formatShortCount(s.pendingOrderCount) : undefined,
      hint: 'awaiting payment',
    },
  ]
}
