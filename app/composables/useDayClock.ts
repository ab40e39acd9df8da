import type { Summary, Timeseries } from '~shared/types/api'
import { computed, effectScope, watch } from 'vue'
import { reportQuery } from '../logic/analytics-range'
import { api } from '../logic/api'
import { msIntoHour, nextClockWake } from '../logic/day-clock'
import { useAnalyticsStore } from '../stores/analytics'
import { useSessionStore } from '../stores/session'

/**
 * Moves the comparison's cut to now ("same time yesterday" on a page open since the morning): only the
 * comparison's figures and line are replaced; the current ones stay as the stream keeps them.
 */
export async function refreshComparison(): Promise<void> {
  const analytics = useAnalyticsStore()
  const shown = analytics.data
  if (!shown?.summary.comparison || analytics.source !== 'network' || analytics.range === 'custom' || analytics.refreshing)
    return
  const which = analytics.range
  const against = analytics.compare
  const query = reportQuery(which, null, against)
  const [summary, timeseries] = await Promise.all([
    api<Summary>(`/analytics/summary?${query}`),
    shown.timeseries?.comparison ? api<Timeseries>(`/analytics/timeseries?${query}`) : Promise.resolve(null),
  ])
  const now = analytics.data
  // Another range, comparison or day meanwhile: that load brought its own comparison.
  if (!now || which !== analytics.range || against !== analytics.compare || summary.from !== now.summary.from)
    return
  analytics.data = {
    ...now,
    summary: { ...now.summary, comparison: summary.comparison },
    timeseries: now.timeseries && timeseries ? { ...now.timeseries, comparison: timeseries.comparison } : now.timeseries,
  }
}

/**
 * Keeps the analytics page right when left open all day: the comparison's cut follows the clock (every few
 * minutes and at each whole hour of the store's clock, the current figures untouched), and at the store's
 * business-day start the figures, the heatmap and the comparison roll over to the new day. Loaded after
 * the page's first paint (nothing of it is needed to show the figures); returns its stop.
 */
export function startDayClock(): () => void {
  const analytics = useAnalyticsStore()
  const session = useSessionStore()
  const scope = effectScope()
  let timer: ReturnType<typeof setTimeout> | undefined

  const plan = scope.run(() => computed(() => {
    const summary = analytics.data?.summary
    if (!summary || analytics.source !== 'network' || analytics.range === 'custom')
      return null
    return { dayEndsAt: Date.parse(summary.to), comparing: !!summary.comparison }
  }))!

  function schedule() {
    clearTimeout(timer)
    const current = plan.value
    if (!current)
      return
    const now = Date.now()
    const wake = nextClockWake({ now, intoHour: msIntoHour(now, session.store?.timeZone ?? 'UTC'), ...current })
    if (!wake)
      return
    // A second past the boundary, so that the server's clock is past it too.
    timer = setTimeout(() => void act(wake.reason), wake.at - now + 1000)
  }

  async function act(reason: 'day' | 'comparison') {
    try {
      if (reason === 'day') {
        await analytics.load(analytics.range, { silent: true })
        await analytics.loadHeatmap()
      }
      else {
        await refreshComparison()
      }
    }
    catch {
      // Offline or refused: the next wake tries again; what is shown stays, with its own time.
    }
    schedule()
  }

  scope.run(() => watch(plan, schedule, { immediate: true }))
  return () => {
    clearTimeout(timer)
    scope.stop()
  }
}
