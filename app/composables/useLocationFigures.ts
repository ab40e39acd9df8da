import type { ShallowRef } from 'vue'
import type { AnalyticsRange, Locations, StreamEvent } from '~shared/types/api'
import { getCurrentScope, onScopeDispose, shallowRef } from 'vue'
import { api, errorMessage } from '../logic/api'
import { applyToLocations, arrangeLocations, replayOnLocations } from '../logic/location-rows'
import { SnapshotLoads } from '../logic/snapshot-loads'
import { throttle } from '../logic/throttle'
import { REFETCH_INTERVAL_MS } from '../stores/analytics'
import { useLiveEvents } from './useLiveEvents'

export interface UseLocationFiguresReturn {
  data: Readonly<ShallowRef<Locations | null>>
  error: Readonly<ShallowRef<string | null>>
  loading: Readonly<ShallowRef<boolean>>
  /** Reads every location's figures for `range` afresh. */
  load: (range: AnalyticsRange) => Promise<void>
}

/**
 * Every location's figures, side by side, moved live by the events of every store: while it is in use the
 * browser's stream follows all the person's stores. A sale moves its store's row and the per-currency
 * totals in place; a row an event cannot move (a gap, a new day) or a store's `reset` reads that row
 * again, at most once a second. Ends with the calling scope.
 */
export function useLocationFigures(): UseLocationFiguresReturn {
  const data = shallowRef<Locations | null>(null)
  const error = shallowRef<string | null>(null)
  const loading = shallowRef(false)
  let range: AnalyticsRange = 'today'
  const loads = new SnapshotLoads<StreamEvent>()
  /** Stores whose rows are to be read again. */
  const stale = new Set<string>()

  const reread = throttle(() => {
    const stores = [...stale]
    stale.clear()
    void read(stores)
  }, REFETCH_INTERVAL_MS)

  function rereadLater(storeIds: readonly string[]) {
    if (storeIds.length === 0)
      return
    storeIds.forEach(storeId => stale.add(storeId))
    reread()
  }

  /** Reads the figures: every row, or only `only`'s (the others stay as events moved them). */
  async function read(only?: readonly string[]): Promise<void> {
    const ticket = loads.start()
    loading.value = true
    try {
      const fresh = await api<Locations>(`/analytics/locations?range=${range}&compare=previous`)
      if (!loads.isCurrent(ticket))
        return
      const shown = data.value
      const rows = only && shown && shown.range === fresh.range
        ? shown.stores.map(row => only.includes(row.storeId) ? fresh.stores.find(candidate => candidate.storeId === row.storeId) ?? row : row)
        : fresh.stores
      const replayed = replayOnLocations(arrangeLocations(fresh.range, rows), loads.take())
      data.value = replayed.locations
      error.value = null
      rereadLater(replayed.reread)
    }
    catch (failure) {
      if (loads.isCurrent(ticket))
        error.value = errorMessage(failure)
    }
    finally {
      if (loads.isCurrent(ticket))
        loading.value = false
      loads.finish(ticket)
    }
  }

  function load(next: AnalyticsRange): Promise<void> {
    range = next
    stale.clear()
    reread.cancel()
    return read()
  }

  useLiveEvents({
    allStores: true,
    onEvent(event) {
      if (loads.hold(event) || !data.value)
        return
      const update = applyToLocations(data.value, event)
      data.value = update.locations
      rereadLater(update.reread)
    },
    onReset(info) {
      if (info.storeId)
        rereadLater([info.storeId])
      else
        void read()
    },
    onOnline() {
      if (error.value)
        void read()
    },
  })

  if (getCurrentScope())
    onScopeDispose(() => reread.cancel())

  return { data, error, loading, load }
}
