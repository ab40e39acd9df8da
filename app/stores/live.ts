import type { Ref } from 'vue'
import type { StreamEvent } from '~shared/types/api'
import type { LiveStatus } from '../logic/channel'
import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import { useOnline } from '../composables/useOnline'

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

/**
 * A store that only some pages load (the orders store): from its first use on, the signed-in layout's live
 * connection hands it what it hands the analytics store (events, resets, coming back online, signing out).
 */
export interface LiveFollower {
  event: (event: StreamEvent) => void
  reset: () => void
  online: () => void
  clear: () => void
}

/** The live connection as the header shows it, and the per-device Real-time preference (not a secret). */
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

  const followers = new Set<LiveFollower>()
  /** Adds `follower` for good (stores live as long as the app). */
  function follow(follower: LiveFollower): void {
    followers.add(follower)
  }
  /** The followers so far, in the order they came. */
  function following(): LiveFollower[] {
    return [...followers]
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

  return { status, realtime, online, isLeader, attach, follow, following }
})
