import type { AnalyticsRange, StreamEvent, Summary, Timeseries, TopProducts } from '~shared/types/api'
import type { AnalyticsData, KpiKey } from '../logic/apply-event'
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { api, ApiError, errorMessage } from '../logic/api'
import { applyEvent, dataFromSnapshot, replayEvents } from '../logic/apply-event'
import { offlineStore } from '../logic/offline-store'
import { throttle } from '../logic/throttle'
import { useSessionStore } from './session'

export const REFETCH_INTERVAL_MS = 1000

export type LoadState = 'idle' | 'loading' | 'ready' | 'error'

/**
 * The analytics of the selected range: loaded once, then kept current by stream events (in place when the
 * payload is enough, by an at-most-once-a-second refetch otherwise), with an offline copy per range.
 */
export const useAnalyticsStore = defineStore('analytics', () => {
  const range = shallowRef<AnalyticsRange>('today')
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

  let generation = 0
  let inFlight = 0
  let buffered: StreamEvent[] = []

  async function fetchAll(which: AnalyticsRange) {
    const [summary, timeseries, topProducts] = await Promise.all([
      api<Summary>(`/analytics/summary?range=${which}`),
      api<Timeseries>(`/analytics/timeseries?range=${which}`),
      api<TopProducts>(`/analytics/top-products?range=${which}&limit=5`),
    ])
    return { summary, timeseries, topProducts }
  }

  function persist() {
    const storeId = useSessionStore().store?.id
    if (!storeId || !data.value || source.value !== 'network')
      return
    const { summary, timeseries, topProducts } = data.value
    savedAt.value = Date.now()
    void offlineStore.saveAnalytics(storeId, summary.range, { summary, timeseries, topProducts, savedAt: savedAt.value })
  }

  /** Loads `which` from the server (or this device's copy when offline). `silent` keeps what is shown meanwhile. */
  async function load(which: AnalyticsRange = range.value, { silent = false } = {}) {
    const mine = ++generation
    if (which !== range.value || !data.value) {
      range.value = which
      data.value = null
      buffered = []
    }
    if (!silent)
      state.value = data.value ? 'ready' : 'loading'
    refreshing.value = true
    inFlight++
    try {
      const fresh = await fetchAll(which)
      if (mine !== generation)
        return
      const replayed = replayEvents(dataFromSnapshot(fresh.summary, fresh.timeseries, fresh.topProducts), buffered)
      buffered = []
      data.value = replayed.data
      source.value = 'network'
      state.value = 'ready'
      error.value = null
      persist()
      if (replayed.needsRefetch)
        scheduleRefetch()
    }
    catch (failure) {
      if (mine !== generation)
        return
      // What arrived meanwhile cannot be placed on figures we do not have; the next load includes it.
      buffered = []
      if (failure instanceof ApiError) {
        error.value = errorMessage(failure)
        state.value = data.value ? 'ready' : 'error'
        return
      }
      // No network: show this device's last copy of the range, with its time.
      const storeId = useSessionStore().store?.id
      const snapshot = storeId ? await offlineStore.readAnalytics(storeId, which) : undefined
      if (mine !== generation)
        return
      if (snapshot) {
        data.value = dataFromSnapshot(snapshot.summary, snapshot.timeseries, snapshot.topProducts)
        savedAt.value = snapshot.savedAt
        source.value = 'cache'
        state.value = 'ready'
        error.value = null
      }
      else if (!data.value) {
        error.value = 'You are offline and this device has no copy of these figures yet.'
        state.value = 'error'
      }
      else {
        source.value = 'cache'
      }
    }
    finally {
      if (mine === generation) {
        inFlight = 0
        refreshing.value = false
      }
    }
  }

  function handleEvent(event: StreamEvent) {
    if (inFlight > 0) {
      buffered.push(event)
      return
    }
    if (!data.value || source.value === 'cache') {
      // Nothing current to update: the next load includes it.
      return
    }
    const result = applyEvent(data.value, event)
    data.value = result.data
    if (result.outcome === 'refetch') {
      scheduleRefetch()
      return
    }
    if (result.changed.length > 0)
      changed.value = { keys: result.changed, tick: changed.value.tick + 1 }
    if (result.outcome === 'applied')
      persist()
  }

  /** The stream could not replay what we missed: everything again. */
  function handleReset() {
    scheduleRefetch()
  }

  function clear() {
    generation++
    data.value = null
    state.value = 'idle'
    buffered = []
    inFlight = 0
    scheduleRefetch.cancel()
  }

  return { range, data, state, error, source, savedAt, changed, refreshing, load, handleEvent, handleReset, clear }
})
