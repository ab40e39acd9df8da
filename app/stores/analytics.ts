import type { Comparison, Heatmap, ReportRange, StreamEvent, Summary, Timeseries, TopProducts } from '~shared/types/api'
import type { AnalyticsData, KpiKey } from '../logic/analytics-data'
import type * as ApplyEvent from '../logic/apply-event'
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { t } from '../i18n'
import { dataFromSnapshot, TOP_PRODUCTS_LIMIT } from '../logic/analytics-data'
import { businessDateEndingAt, hasHeatmap, readComparisonChoice, reportQuery, saveComparisonChoice } from '../logic/analytics-range'
import { api, ApiError, errorMessage } from '../logic/api'
import { whenIdleAfterLoad } from '../logic/idle'
import { offlineStore } from '../logic/offline-store'
import { SnapshotLoads } from '../logic/snapshot-loads'
import { throttle } from '../logic/throttle'
import { useLiveEvents } from './live'
import { useSessionStore } from './session'

type ApplyModule = typeof ApplyEvent

/**
 * Applying live events is not needed to paint the figures (1.7 KB gzip off the first load): it loads with
 * the first event that needs it, and the events that arrive meanwhile wait for it in order.
 */
let applyModule: ApplyModule | undefined
let applyLoading: Promise<ApplyModule> | undefined
function loadApply(): Promise<ApplyModule> {
  applyLoading ??= import('../logic/apply-event').then((module) => {
    applyModule = module
    return module
  }, (error) => {
    // A network that dropped for a moment: the next event tries again.
    applyLoading = undefined
    throw error
  })
  return applyLoading
}

/** Seconds after the page loaded and went idle, so that the first live event finds the code here. */
const APPLY_PREFETCH_MS = 3000

export const REFETCH_INTERVAL_MS = 1000

export type LoadState = 'idle' | 'loading' | 'ready' | 'error'
export interface DateSpan { from: string, to: string }

/**
 * The analytics of the selected range: loaded once, then kept current by stream events (in place when the
 * payload is enough, by an at-most-once-a-second refetch otherwise), with an offline copy per range.
 */
export const useAnalyticsStore = defineStore('analytics', () => {
  if (typeof window !== 'undefined') {
    whenIdleAfterLoad(() => {
      setTimeout(() => void loadApply().catch(() => {}), APPLY_PREFETCH_MS)
    }, { timeout: 5000 })
  }
  const range = shallowRef<ReportRange>('today')
  /** The dates of a `custom` range (store-local business dates, both included). */
  const dates = shallowRef<DateSpan | null>(null)
  /** What the figures are compared with: this device's choice for the range (`null`: nothing). */
  const compare = shallowRef<Comparison | null>(readComparisonChoice('today'))
  /** The end of a range reaching today, as last loaded: today's business date follows from it. */
  const todayEnd = shallowRef<string | null>(null)
  /**
   * Today's business date in the store (the latest a custom range may end), once a range reaching today
   * loaded. Computed only when asked for (by the date picker): formatting in the store's zone loads
   * time-zone data, work that does not belong before the KPIs' first paint.
   */
  const businessToday = computed(() => todayEnd.value ? businessDateEndingAt(todayEnd.value, useSessionStore().store?.timeZone ?? 'UTC') : null)
  /** Weekday × hour of the range (30d, 90d, custom), loaded after the KPIs by `loadHeatmap`. */
  const heatmap = shallowRef<Heatmap | null>(null)
  const data = shallowRef<AnalyticsData | null>(null)
  const state = shallowRef<LoadState>('idle')
  const error = shallowRef<string | null>(null)
  /** `cache`: the figures are this device's copy from `savedAt`, because the server could not be reached. */
  const source = shallowRef<'network' | 'cache'>('network')
  const savedAt = shallowRef<number | null>(null)
  /** The KPIs changed by the last event, with a counter so that the same card can flash twice. */
  const changed = shallowRef<{ keys: KpiKey[], tick: number }>({ keys: [], tick: 0 })
  const refreshing = shallowRef(false)

  // At most one refetch a second, however many events ask for one.
  const scheduleRefetch = throttle(() => {
    void load(range.value, { silent: true })
  }, REFETCH_INTERVAL_MS)

  const loads = new SnapshotLoads<StreamEvent>()
  /** Refetches of top products alone: events that arrive meanwhile are replayed on the new list. */
  const productLoads = new SnapshotLoads<StreamEvent>()

  const scheduleProducts = throttle(() => {
    void reloadTopProducts()
  }, REFETCH_INTERVAL_MS)

  /** Top products, refetched alone after an event left them uncertain; summary and chart stay as they are. */
  async function reloadTopProducts() {
    const ticket = productLoads.start()
    try {
      const fresh = await api<TopProducts>(`/analytics/top-products?${reportQuery(range.value, dates.value, null)}&limit=${TOP_PRODUCTS_LIMIT}`)
      if (!productLoads.isCurrent(ticket) || !data.value || source.value === 'cache' || !applyModule)
        return
      const replayed = applyModule.replayEvents({ ...data.value, topProducts: fresh, topProductsStale: false }, productLoads.take())
      data.value = replayed.data
      if (replayed.needsRefetch)
        scheduleRefetch()
      else if (replayed.data.topProductsStale)
        scheduleProducts()
      else
        persist()
    }
    catch {
      // Offline or refused: the list stays as shown until the next load.
    }
    finally {
      productLoads.finish(ticket)
    }
  }

  /** A whole load supersedes a refetch of top products alone. */
  function cancelProducts() {
    productLoads.reset()
    scheduleProducts.cancel()
  }

  async function fetchAll(which: ReportRange, span: DateSpan | null, against: Comparison | null) {
    const query = reportQuery(which, span, against)
    const [summary, timeseries, topProducts] = await Promise.all([
      api<Summary>(`/analytics/summary?${query}`),
      api<Timeseries>(`/analytics/timeseries?${query}`),
      api<TopProducts>(`/analytics/top-products?${reportQuery(which, span, null)}&limit=${TOP_PRODUCTS_LIMIT}`),
    ])
    return { summary, timeseries, topProducts }
  }

  /** This device's copy of a range: fixed ranges by name, a custom range by its dates. */
  function cacheKey(which: ReportRange, span: DateSpan | null): string {
    return which === 'custom' && span ? `custom:${span.from}:${span.to}` : which
  }

  function persist() {
    const storeId = useSessionStore().store?.id
    if (!storeId || !data.value || source.value !== 'network')
      return
    const { summary, timeseries, topProducts } = data.value
    savedAt.value = Date.now()
    void offlineStore.saveAnalytics(storeId, cacheKey(summary.range, dates.value), { summary, timeseries, topProducts, savedAt: savedAt.value })
  }

  /**
   * Loads `which` from the server (or this device's copy when offline). `silent` keeps what is shown
   * meanwhile. A `custom` range needs its `span` (or keeps the dates it has); the comparison is the one this
   * device chose for the range.
   */
  async function load(which: ReportRange = range.value, { silent = false, span }: { silent?: boolean, span?: DateSpan } = {}) {
    const nextDates = which === 'custom' ? (span ?? dates.value) : null
    if (which === 'custom' && !nextDates)
      return
    const ticket = loads.start()
    cancelProducts()
    const against = which === range.value && data.value ? compare.value : readComparisonChoice(which)
    if (which !== range.value || !data.value || cacheKey(which, nextDates) !== cacheKey(range.value, dates.value) || against !== compare.value) {
      range.value = which
      dates.value = nextDates
      compare.value = against
      data.value = null
      heatmap.value = null
      // Events of the range shown so far do not belong on the new one.
      loads.take()
    }
    if (!silent)
      state.value = data.value ? 'ready' : 'loading'
    refreshing.value = true
    try {
      const fresh = await fetchAll(which, nextDates, against)
      if (!loads.isCurrent(ticket))
        return
      if (which !== 'custom')
        todayEnd.value = fresh.summary.to
      // Events that arrived meanwhile are replayed on the snapshot; the load stays in flight (holding
      // what else arrives) until the code that applies them is here.
      const apply = loads.holding() ? applyModule ?? await loadApply() : undefined
      if (!loads.isCurrent(ticket))
        return
      const snapshot = dataFromSnapshot(fresh.summary, fresh.timeseries, fresh.topProducts)
      const replayed = apply ? apply.replayEvents(snapshot, loads.take()) : { data: snapshot, needsRefetch: false }
      data.value = replayed.data
      source.value = 'network'
      state.value = 'ready'
      error.value = null
      persist()
      if (replayed.needsRefetch)
        scheduleRefetch()
      else if (replayed.data.topProductsStale)
        scheduleProducts()
    }
    catch (failure) {
      if (!loads.isCurrent(ticket))
        return
      // What arrived meanwhile cannot be placed on figures we do not have; the next load includes it.
      loads.take()
      if (failure instanceof ApiError) {
        error.value = errorMessage(failure)
        state.value = data.value ? 'ready' : 'error'
        return
      }
      // No network: show this device's last copy of the range, with its time.
      const storeId = useSessionStore().store?.id
      const snapshot = storeId ? await offlineStore.readAnalytics(storeId, cacheKey(which, nextDates)) : undefined
      if (!loads.isCurrent(ticket))
        return
      if (snapshot) {
        data.value = dataFromSnapshot(snapshot.summary, snapshot.timeseries, snapshot.topProducts)
        savedAt.value = snapshot.savedAt
        source.value = 'cache'
        state.value = 'ready'
        error.value = null
      }
      else if (!data.value) {
        error.value = t('analytics.offlineNoCopy')
        state.value = 'error'
      }
      else {
        source.value = 'cache'
      }
    }
    finally {
      if (loads.isCurrent(ticket))
        refreshing.value = false
      loads.finish(ticket)
    }
  }

  /** Events that came before the code that applies them, in their order. */
  let waiting: StreamEvent[] = []

  function handleEvent(event: StreamEvent) {
    if (loads.hold(event))
      return
    if (!data.value || source.value === 'cache') {
      // Nothing current to update: the next load includes it.
      return
    }
    if (!applyModule || waiting.length > 0) {
      waiting.push(event)
      void loadApply().then(() => {
        const queued = waiting
        waiting = []
        queued.forEach(handleEvent)
      })
      return
    }
    productLoads.hold(event)
    const result = applyModule.applyEvent(data.value, event)
    data.value = result.data
    if (result.outcome === 'refetch') {
      scheduleRefetch()
      return
    }
    if (result.refetchTopProducts)
      scheduleProducts()
    if (result.changed.length > 0)
      changed.value = { keys: result.changed, tick: changed.value.tick + 1 }
    if (result.outcome === 'applied')
      persist()
  }

  /** The stream could not replay what we missed: everything again. */
  function handleReset() {
    scheduleRefetch()
  }

  /** Compares the figures with `choice` from now on (remembered for this range on this device), and reloads. */
  function setCompare(choice: Comparison | null) {
    saveComparisonChoice(range.value, choice)
    compare.value = choice
    // The figures stay on screen until the new comparison arrives with them.
    void load(range.value, { silent: true })
  }

  /**
   * The heatmap of the current range, if it has one: called by the page once the KPIs have painted (it is
   * not needed for the first view). Not moved by live events; a reload of the range reloads it.
   */
  async function loadHeatmap() {
    const which = range.value
    const span = dates.value
    if (!hasHeatmap(which) || source.value === 'cache')
      return
    try {
      const fresh = await api<Heatmap>(`/analytics/heatmap?${reportQuery(which, span, null)}`)
      if (which === range.value && span === dates.value)
        heatmap.value = fresh
    }
    catch {
      // Only a card: the KPIs and the chart stand on their own.
    }
  }

  function clear() {
    loads.reset()
    cancelProducts()
    waiting = []
    data.value = null
    heatmap.value = null
    state.value = 'idle'
    scheduleRefetch.cancel()
  }

  useLiveEvents({
    onEvent: handleEvent,
    onReset: handleReset,
    onOnline() {
      if (source.value === 'cache' || state.value === 'error')
        void load(range.value, { silent: true })
    },
    resumeFrom: () => data.value?.summary.lastSeq,
  })
  useSessionStore().onSignedOut(clear)

  return { range, dates, compare, businessToday, heatmap, data, state, error, source, savedAt, changed, refreshing, load, setCompare, loadHeatmap, handleEvent, handleReset, clear }
})
