import type { ShallowRef } from 'vue'
import type { StreamEvent } from '~shared/types/api'
import { getCurrentScope, onScopeDispose, shallowRef } from 'vue'
import { SnapshotLoads } from '../logic/snapshot-loads'
import { throttle } from '../logic/throttle'

/** Figures after events were placed on them, and whether they must be read again (the events could not move them). */
export interface Moved<D> { data: D, refetch: boolean }

export interface UseLiveFiguresOptions<D> {
  /** Reads the figures from the server (`shown`: what is on screen, for a read of a part of them). */
  read: (shown: D | null) => Promise<D>
  /** Places one live event on the figures. */
  apply: (data: D, event: StreamEvent) => Moved<D>
  /** Places the events that arrived while a read was in flight on what it brought. */
  replay: (data: D, events: StreamEvent[]) => Moved<D>
  /** A read asked for by events ended: `error` when it failed. */
  onRefetched?: (error?: unknown) => void
  /**
   * At most one read a second, however many events ask for one.
   * @default 1000
   */
  refetchIntervalMs?: number
}

export interface UseLiveFiguresReturn<D> {
  data: ShallowRef<D | null>
  /** Reads the figures now (throws as the read does); events meanwhile are held and placed on them. */
  load: () => Promise<void>
  /** A live event: held while a read is in flight, else placed on the figures (a read if they cannot take it). */
  receive: (event: StreamEvent) => void
  /** Asks for a read, at most once a second. */
  refetch: () => void
}

/**
 * Figures as a snapshot plus live events: read once, then moved in place by each event, read again (at
 * most once a second) when an event cannot move them; events that arrive during a read are placed on
 * what it brings, and a read overtaken by a newer one is dropped. Ends with the calling scope.
 */
export function useLiveFigures<D>(options: UseLiveFiguresOptions<D>): UseLiveFiguresReturn<D> {
  const { read, apply, replay, onRefetched, refetchIntervalMs = 1000 } = options
  const data = shallowRef<D | null>(null) as ShallowRef<D | null>
  const loads = new SnapshotLoads<StreamEvent>()

  const refetch = throttle(() => {
    void load().then(() => onRefetched?.(), error => onRefetched?.(error ?? new Error('read failed')))
  }, refetchIntervalMs)

  async function load(): Promise<void> {
    const ticket = loads.start()
    try {
      const fresh = await read(data.value)
      if (!loads.isCurrent(ticket))
        return
      const replayed = replay(fresh, loads.take())
      data.value = replayed.data
      if (replayed.refetch)
        refetch()
    }
    finally {
      loads.finish(ticket)
    }
  }

  function receive(event: StreamEvent): void {
    if (loads.hold(event) || !data.value)
      return
    const moved = apply(data.value, event)
    data.value = moved.data
    if (moved.refetch)
      refetch()
  }

  if (getCurrentScope())
    onScopeDispose(() => refetch.cancel())

  return { data, load, receive, refetch }
}
