import type { ComputedRef, MaybeRefOrGetter, ShallowRef } from 'vue'
import type { StreamEvent, Summary } from '~shared/types/api'
import type { AnalyticsData } from '../logic/apply-event'
import type { CounterFiguresInput } from '../logic/counter-figures'
import { computed, getCurrentScope, onScopeDispose, shallowRef, toValue } from 'vue'
import { api, isNetworkError } from '../logic/api'
import { applyEvent, dataFromSnapshot, replayEvents } from '../logic/apply-event'
import { SnapshotLoads } from '../logic/snapshot-loads'
import { throttle } from '../logic/throttle'
import { REFETCH_INTERVAL_MS } from '../stores/analytics'

export type TodayOutcome = CounterFiguresInput['outcome']

export interface UseTodayFiguresOptions {
  /**
   * Whether this role may read today's figures: without, nothing is requested (it could only be refused).
   * @default true
   */
  enabled?: MaybeRefOrGetter<boolean>
}

export interface UseTodayFiguresReturn {
  figures: Readonly<ShallowRef<AnalyticsData | null>>
  summary: ComputedRef<Summary | null>
  /** How the last load ended: from the server, from this device's copy, or not at all. */
  outcome: ShallowRef<TodayOutcome>
  /** Today's figures from the server, with the events that arrived meanwhile placed on them. */
  fetch: () => Promise<void>
  /** Shows this device's saved copy (the server cannot be reached): live events leave it as it is. */
  showCopy: (summary: Summary | null) => void
  /** Whether `event` comes after what the figures include (a live event not yet counted). */
  isNew: (event: StreamEvent) => boolean
  /** Moves the figures by a live event, as the analytics page's are moved; a gap or a new day refetches. */
  apply: (event: StreamEvent) => void
}

/**
 * Today's figures of the signed-in store, loaded once and kept current by live events with the analytics
 * page's logic (applyEvent), refetched at most once a second when an event cannot move them. Ends with
 * the calling scope.
 */
export function useTodayFigures(options: UseTodayFiguresOptions = {}): UseTodayFiguresReturn {
  const { enabled = true } = options
  const figures = shallowRef<AnalyticsData | null>(null)
  const summary = computed(() => figures.value?.summary ?? null)
  const outcome = shallowRef<TodayOutcome>('pending')
  const loads = new SnapshotLoads<StreamEvent>()

  // As on the analytics page: at most one refetch of the figures a second, however many events ask for one.
  const resync = throttle(() => {
    void fetch().then(() => {
      outcome.value = 'network'
    }, (error) => {
      outcome.value = isNetworkError(error) ? 'offline' : 'error'
    })
  }, REFETCH_INTERVAL_MS)

  async function fetch(): Promise<void> {
    if (!toValue(enabled))
      return
    const ticket = loads.start()
    try {
      const fresh = await api<Summary>('/analytics/summary?range=today')
      if (!loads.isCurrent(ticket))
        return
      const replayed = replayEvents(dataFromSnapshot(fresh, null, null), loads.take())
      figures.value = replayed.data
      if (replayed.needsRefetch)
        resync()
    }
    finally {
      loads.finish(ticket)
    }
  }

  function showCopy(copy: Summary | null): void {
    figures.value = copy ? dataFromSnapshot(copy, null, null) : null
  }

  function isNew(event: StreamEvent): boolean {
    return !!figures.value && event.seq > figures.value.summary.lastSeq
  }

  function apply(event: StreamEvent): void {
    const current = figures.value
    const fresh = isNew(event)
    if (loads.hold(event))
      return
    if (!current || !fresh || outcome.value === 'cache')
      return
    const result = applyEvent(current, event)
    figures.value = result.data
    if (result.outcome === 'refetch')
      resync()
  }

  if (getCurrentScope())
    onScopeDispose(() => resync.cancel())

  return { figures, summary, outcome, fetch, showCopy, isNew, apply }
}
