import type { ShallowRef } from 'vue'
import type { Backfill } from '~shared/types/api'
import { getCurrentScope, onScopeDispose, shallowRef } from 'vue'
import { api, errorMessage } from '../logic/api'

const POLL_MS = 1000

export interface UseBackfillReturn {
  state: ShallowRef<Backfill | null>
  error: ShallowRef<string | null>
  /** Reads where the import is; while it runs, reads again every second until it ends. */
  load: () => Promise<void>
  /** Saves the read credential (when given), then starts the import since `since` (YYYY-MM-DD). */
  start: (since: string, apiKey?: string) => Promise<void>
}

/** A connection's history import: its state from the server (any instance answers), polled while it runs. */
export function useBackfill(connectionId: string): UseBackfillReturn {
  const state = shallowRef<Backfill | null>(null)
  const error = shallowRef<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let disposed = false

  function poll() {
    clearTimeout(timer)
    if (!disposed && state.value?.status === 'running')
      timer = setTimeout(load, POLL_MS)
  }

  async function load() {
    try {
      state.value = await api<Backfill>(`/connections/${connectionId}/backfill`)
    }
    catch (failure) {
      error.value = errorMessage(failure)
    }
    poll()
  }

  async function start(since: string, apiKey?: string) {
    error.value = null
    try {
      if (apiKey)
        await api(`/connections/${connectionId}`, { method: 'PATCH', body: { apiKey } })
      state.value = await api<Backfill>(`/connections/${connectionId}/backfill`, { method: 'POST', body: { since } })
    }
    catch (failure) {
      error.value = errorMessage(failure)
      return load()
    }
    poll()
  }

  if (getCurrentScope()) {
    onScopeDispose(() => {
      disposed = true
      clearTimeout(timer)
    })
  }
  return { state, error, load, start }
}
