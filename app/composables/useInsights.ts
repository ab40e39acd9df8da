import type { NumericFigure } from '../logic/insights'
import { computed, onBeforeUnmount, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { hasHeatmap } from '../logic/analytics-range'
import { whenIdleAfterPaint } from '../logic/idle'
import { comparedFigure, comparisonLabel } from '../logic/insights'
import { useAnalyticsStore } from '../stores/analytics'
import { useSessionStore } from '../stores/session'

/**
 * What the analytics page adds to its figures: the comparison's name and each KPI's change, the goal on
 * today, the date-range picker's bounds, and the heatmap, fetched only once the KPIs have painted and the
 * page is idle (it is below the fold and not needed for the first view).
 */
export function useInsights() {
  const analytics = useAnalyticsStore()
  const session = useSessionStore()
  const { t } = useI18n()

  const summary = computed(() => analytics.data?.summary)
  const label = computed(() => analytics.compare ? comparisonLabel(analytics.range, analytics.compare, t) : '')
  const goal = computed(() => analytics.range === 'today' ? summary.value?.goal : undefined)
  const byMethod = computed(() => summary.value?.byMethod)
  /** The latest date a custom range may end: the store's business today (the browser's date until known). */
  const maxDate = computed(() => analytics.businessToday ?? new Intl.DateTimeFormat('en-CA', { timeZone: session.store?.timeZone ?? 'UTC' }).format(new Date()))

  /** A KPI's value now and in the comparison, for its delta (undefined when nothing is compared). */
  function delta(figure: NumericFigure) {
    return summary.value && analytics.compare ? comparedFigure(summary.value, figure) : undefined
  }

  let cancel: (() => void) | undefined
  // A new range (or new dates) loaded: its heatmap after the next paint.
  watch(() => [analytics.state === 'ready' && analytics.data?.summary.from, analytics.range] as const, ([loaded, range]) => {
    cancel?.()
    if (loaded && hasHeatmap(range) && !analytics.heatmap)
      cancel = whenIdleAfterPaint(() => void analytics.loadHeatmap())
  }, { immediate: true })
  onBeforeUnmount(() => cancel?.())

  return { label, goal, byMethod, maxDate, delta, heatmap: computed(() => analytics.heatmap?.cells) }
}
