import type { LiveStatus } from '../logic/channel'
import { defineStore } from 'pinia'
import { shallowRef, watch } from 'vue'

const REALTIME_KEY = 'pulse:realtime'

function readPreference(): boolean {
  try {
    return globalThis.localStorage?.getItem(REALTIME_KEY) !== 'off'
  }
  catch {
    return true
  }
}

/** The live connection as the header shows it, and the per-device Real-time preference (not a secret). */
export const useLiveStore = defineStore('live', () => {
  const status = shallowRef<LiveStatus>('offline')
  const realtime = shallowRef(readPreference())
  const online = shallowRef(globalThis.navigator?.onLine ?? true)
  const isLeader = shallowRef(false)

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

  return { status, realtime, online, isLeader }
})
