import type { ShallowRef } from 'vue'
import type { AnalyticsRange, Locations } from '~shared/types/api'
import { shallowRef } from 'vue'
import { api, errorMessage } from '../logic/api'
import { applyToLocations, arrangeLocations, replayOnLocations } from '../logic/location-rows'
import { REFETCH_INTERVAL_MS } from '../stores/analytics'
import { useLiveEvents } from '../stores/live'
import { useLiveFigures } from './useLiveFigures'

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
  const error = shallowRef<string | null>(null)
  const loading = shallowRef(false)
  let range: AnalyticsRange = 'today'
  /** Stores whose rows are to be read again (the others stay as events moved them); empty: every row. */
  const stale = new Set<string>()

  /** Notes the rows to read again: the figures are read when `refetch` or the next read comes. */
  function moved(update: { locations: Locations, reread: string[] }) {
    update.reread.forEach(storeId => stale.add(storeId))
    return { data: update.locations, refetch: update.reread.length > 0 }
  }

  const live = useLiveFigures<Locations>({
    async read(shown) {
      const only = [...stale]
      stale.clear()
      const fresh = await api<Locations>(`/analytics/locations?range=${range}&compare=previous`)
      if (only.length === 0 || !shown || shown.range !== fresh.range)
        return fresh
      return arrangeLocations(fresh.range, shown.stores.map(row => only.includes(row.storeId) ? fresh.stores.find(candidate => candidate.storeId === row.storeId) ?? row : row))
    },
    apply: (data, event) => moved(applyToLocations(data, event)),
    replay: (data, events) => moved(replayOnLocations(data, events)),
    onRefetched(failure) {
      error.value = failure === undefined ? null : errorMessage(failure)
    },
    refetchIntervalMs: REFETCH_INTERVAL_MS,
  })

  async function load(next: AnalyticsRange): Promise<void> {
    range = next
    stale.clear()
    loading.value = true
    try {
      await live.load()
      error.value = null
    }
    catch (failure) {
      error.value = errorMessage(failure)
    }
    finally {
      loading.value = false
    }
  }

  useLiveEvents({
    allStores: true,
    onEvent: live.receive,
    onReset(info) {
      // A store's reset reads its row again; a reset of the stream itself, every row.
      if (info.storeId)
        stale.add(info.storeId)
      else
        stale.clear()
      live.refetch()
    },
    onOnline() {
      if (error.value)
        void load(range)
    },
  })

  return { data: live.data, error, loading, load }
}
