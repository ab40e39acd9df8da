import type { ComputedRef, MaybeRefOrGetter, ShallowRef } from 'vue'
import type { StreamEvent, Summary } from '~shared/types/api'
import type { AnalyticsData } from '../logic/apply-event'
import type { CounterFiguresInput } from '../logic/counter-figures'
import { computed, shallowRef, toValue } from 'vue'
import { api, isNetworkError } from '../logic/api'
import { applyEvent, dataFromSnapshot, replayEvents } from '../logic/apply-event'
import { REFETCH_INTERVAL_MS } from '../stores/analytics'
import { useLiveFigures } from './useLiveFigures'

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
 * Today's figures of the signed-in store (the counter's), read once and kept current by live events with
 * the analytics page's logic (applyEvent), read again at most once a second when an event cannot move
 * them. Ends with the calling scope.
 */
export function useTodayFigures(options: UseTodayFiguresOptions = {}): UseTodayFiguresReturn {
  const { enabled = true } = options
  const outcome = shallowRef<TodayOutcome>('pending')
  const live = useLiveFigures<AnalyticsData>({
    read: async () => dataFromSnapshot(await api<Summary>('/analytics/summary?range=today'), null, null),
    replay(data, events) {
      const replayed = replayEvents(data, events)
      return { data: replayed.data, refetch: replayed.needsRefetch }
    },
    apply(data, event) {
      // This device's copy stands as saved until the server can be reached again.
      if (outcome.value === 'cache')
        return { data, refetch: false }
      const result = applyEvent(data, event)
      return { data: result.data, refetch: result.outcome === 'refetch' }
    },
    onRefetched(error) {
      outcome.value = error === undefined ? 'network' : isNetworkError(error) ? 'offline' : 'error'
    },
    refetchIntervalMs: REFETCH_INTERVAL_MS,
  })
  const figures = live.data
  const summary = computed(() => figures.value?.summary ?? null)

  function fetch(): Promise<void> {
    return toValue(enabled) ? live.load() : Promise.resolve()
  }

  function showCopy(copy: Summary | null): void {
    figures.value = copy ? dataFromSnapshot(copy, null, null) : null
  }

  function isNew(event: StreamEvent): boolean {
    return !!figures.value && event.seq > figures.value.summary.lastSeq
  }

  return { figures, summary, outcome, fetch, showCopy, isNew, apply: live.receive }
}
