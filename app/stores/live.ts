import type { Ref } from 'vue'
import type { ResetEvent, StreamEvent } from '~shared/types/api'
import type { LiveStatus } from '../logic/channel'
import { defineStore } from 'pinia'
import { computed, getCurrentScope, onScopeDispose, shallowRef, watch } from 'vue'
import { useOnline } from '../logic/online'

const REALTIME_KEY = 'pulse:realtime'

function readPreference(): boolean {
  try {
    return globalThis.localStorage?.getItem(REALTIME_KEY) !== 'off'
  }
  catch {
    return true
  }
}

/** What the header shows of the browser's live connection (useLiveSync's return is one). */
export interface LiveConnection {
  status: Readonly<Ref<LiveStatus>>
  isLeader: Readonly<Ref<boolean>>
}

/** A `reset`: the stream could not replay what was missed. `storeId`: of that store only (a stream over several). */
export type LiveReset = ResetEvent & { storeId?: string }

/** What a page or a store hears from the live stream; each part is optional. */
export interface LiveListener {
  /** Each event once, in seq order per store. */
  onEvent?: (event: StreamEvent) => void
  /** Refetch what is shown: events were missed. */
  onReset?: (info: LiveReset) => void
  /** The network is back: reload what was shown from this device's copy. */
  onOnline?: () => void
  /**
   * The seq of the figures loaded before the first event, for the stream to resume after.
   * @default undefined
   */
  resumeFrom?: () => number | undefined
  /**
   * Hear every store of the person, not only the signed-in one: the stream follows all of them while
   * such a listener is there (the All locations page).
   * @default false
   */
  allStores?: boolean
}

/**
 * The live connection as the header shows it, the per-device Real-time preference (not a secret), and the
 * one registry through which pages and stores hear the stream (`listen`, or useLiveEvents in a component).
 */
export const useLiveStore = defineStore('live', () => {
  const realtime = shallowRef(readPreference())
  const online = useOnline()
  const connection = shallowRef<LiveConnection>()
  const status = computed<LiveStatus>(() => connection.value?.status.value ?? 'offline')
  const isLeader = computed(() => connection.value?.isLeader.value ?? false)

  /** Shows `source`'s status until the returned function is called (by its owner, when it ends). */
  function attach(source: LiveConnection): () => void {
    connection.value = source
    return () => {
      if (connection.value === source)
        connection.value = undefined
    }
  }

  const listeners = shallowRef<ReadonlySet<LiveListener>>(new Set())
  /** Some listener wants every store's events: the stream follows them all. */
  const allStores = computed(() => [...listeners.value].some(listener => listener.allStores))

  /** Adds `listener` until the returned function is called. */
  function listen(listener: LiveListener): () => void {
    listeners.value = new Set(listeners.value).add(listener)
    return () => {
      const next = new Set(listeners.value)
      next.delete(listener)
      listeners.value = next
    }
  }

  /**
   * Hands an event to the listeners: those of the signed-in store only get its events, so that a stream
   * over every store never moves this store's figures with another's sales.
   */
  function dispatchEvent(event: StreamEvent, storeId: string | undefined): void {
    for (const listener of listeners.value) {
      if (listener.allStores || !event.storeId || event.storeId === storeId)
        listener.onEvent?.(event)
    }
  }

  function dispatchReset(info: LiveReset, storeId: string | undefined): void {
    for (const listener of listeners.value) {
      if (listener.allStores || !info.storeId || info.storeId === storeId)
        listener.onReset?.(info)
    }
  }

  function dispatchOnline(): void {
    for (const listener of listeners.value) listener.onOnline?.()
  }

  /** Where the stream resumes on a first connect: the oldest figures loaded. */
  function resumeFrom(): number | undefined {
    const seqs = [...listeners.value].map(listener => listener.resumeFrom?.()).filter(seq => seq !== undefined)
    return seqs.length > 0 ? Math.min(...seqs) : undefined
  }

  // The preference is per device: a change in another tab applies here too.
  globalThis.addEventListener?.('storage', (event: StorageEvent) => {
    if (event.key === REALTIME_KEY)
      realtime.value = event.newValue !== 'off'
  })

  watch(realtime, (on) => {
    try {
      globalThis.localStorage?.setItem(REALTIME_KEY, on ? 'on' : 'off')
    }
    catch {}
  })

  return { status, realtime, online, isLeader, allStores, attach, listen, dispatchEvent, dispatchReset, dispatchOnline, resumeFrom }
})

/**
 * Hears the browser's one live stream (events, resets, the network coming back) until the calling scope
 * ends: a component's, or a setup store's (then for as long as the app). Returns the function that stops
 * it earlier.
 */
export function useLiveEvents(listener: LiveListener): () => void {
  const stop = useLiveStore().listen(listener)
  if (getCurrentScope())
    onScopeDispose(stop)
  return stop
}
