import type { Summary, Timeseries, TopProducts } from '~shared/types/api'

/** What the analytics page shows for one range, as loaded and then kept up to date by stream events. */
export interface AnalyticsData {
  summary: Summary
  timeseries: Timeseries | null
  topProducts: TopProducts | null
  /** Total of the orders counted in `summary.orderCount`, to keep the average order value exact as orders come and go. */
  orderTotalCents: number
  /**
   * Top products missed an event whose effect on them is uncertain (a product outside the list gained):
   * they stand as shown until their own refetch, and events pass them by meanwhile.
   */
  topProductsStale?: boolean
}

/** How many top products the page asks for: the list is complete when it holds fewer. */
export const TOP_PRODUCTS_LIMIT = 5

export type KpiKey = 'revenue' | 'orders' | 'aov' | 'pending'

export function dataFromSnapshot(summary: Summary, timeseries: Timeseries | null, topProducts: TopProducts | null): AnalyticsData {
  return {
    summary,
    timeseries,
    topProducts,
    orderTotalCents: summary.orderTotalCents,
  }
}
