import type { LiveListener } from '../stores/live'
import { getCurrentScope, onScopeDispose } from 'vue'
import { useLiveStore } from '../stores/live'

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
