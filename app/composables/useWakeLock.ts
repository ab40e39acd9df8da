import type { ShallowRef } from 'vue'
import { getCurrentScope, onScopeDispose, shallowRef } from 'vue'

export type WakeLockState = 'unsupported' | 'off' | 'held' | 'failed'

export interface UseWakeLockReturn {
  state: ShallowRef<WakeLockState>
  /** Asks for the lock (call it from a tap: Safari wants a gesture); it is asked again whenever the page comes back. */
  acquire: () => Promise<void>
  release: () => Promise<void>
}

/**
 * Keeps the screen awake with the Screen Wake Lock API while the page is visible. The browser drops the
 * lock whenever the page is hidden; it is taken again when the page becomes visible, for as long as wanted.
 */
export function useWakeLock(): UseWakeLockReturn {
  const supported = typeof navigator !== 'undefined' && 'wakeLock' in navigator
  const state = shallowRef<WakeLockState>(supported ? 'off' : 'unsupported')
  let sentinel: WakeLockSentinel | null = null
  let wanted = false

  async function request(): Promise<void> {
    if (!supported || document.visibilityState !== 'visible' || (sentinel && !sentinel.released))
      return
    try {
      const lock = await navigator.wakeLock.request('screen')
      sentinel = lock
      state.value = 'held'
      lock.addEventListener('release', () => {
        if (sentinel === lock)
          state.value = 'off'
      })
    }
    catch {
      // Battery saver, a denied policy, or no gesture on some browsers.
      state.value = 'failed'
    }
  }

  function onVisibility(): void {
    if (wanted && document.visibilityState === 'visible')
      void request()
  }

  if (supported)
    document.addEventListener('visibilitychange', onVisibility)

  async function acquire(): Promise<void> {
    wanted = true
    await request()
  }

  async function release(): Promise<void> {
    wanted = false
    const lock = sentinel
    sentinel = null
    await lock?.release().catch(() => {})
    if (supported)
      state.value = 'off'
  }

  if (getCurrentScope()) {
    onScopeDispose(() => {
      if (supported)
        document.removeEventListener('visibilitychange', onVisibility)
      void release()
    })
  }
  return { state, acquire, release }
}
