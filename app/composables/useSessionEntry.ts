import type { ShallowRef } from 'vue'
import { shallowRef } from 'vue'
import { api, errorMessage } from '../logic/api'
import { rememberSession } from '../logic/session-hint'

export interface UseSessionEntryReturn {
  error: ShallowRef<string | null>
  busy: ShallowRef<boolean>
  /** Posts to an auth route that sets a new session cookie, then reloads the app as that session, at `home`. */
  enter: (path: string, body: unknown, home?: string) => Promise<void>
}

/**
 * Pairing a device or joining a store starts a new session, maybe in another store than the one this
 * browser showed: a full reload starts every store of the app afresh, as the new principal.
 */
export function useSessionEntry(): UseSessionEntryReturn {
  const error = shallowRef<string | null>(null)
  const busy = shallowRef(false)
  async function enter(path: string, body: unknown, home = '/'): Promise<void> {
    error.value = null
    busy.value = true
    try {
      await api(path, { method: 'POST', body })
      // This device now holds a session: the app asks the server for it after the reload.
      rememberSession(true)
      location.assign(home)
    }
    catch (failure) {
      error.value = errorMessage(failure)
      busy.value = false
    }
  }
  return { error, busy, enter }
}
