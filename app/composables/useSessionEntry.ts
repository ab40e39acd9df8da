import type { ShallowRef } from 'vue'
import type { SwitchStoreResponse } from '~shared/types/api'
import { shallowRef } from 'vue'
import { api, errorMessage } from '../logic/api'
import { rememberSession } from '../logic/session-hint'

export interface UseSessionEntryReturn {
  error: ShallowRef<string | null>
  busy: ShallowRef<boolean>
  /** Posts to an auth route that sets a new session cookie, then reloads the app as that session, at `home`. */
  enter: (path: string, body: unknown, home?: string) => Promise<void>
  /** Moves the session to another store of the person's (remembered on this device) and reloads the app there. */
  enterStore: (userId: string | undefined, storeId: string) => Promise<void>
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
  function enterStore(userId: string | undefined, storeId: string): Promise<void> {
    rememberStore(userId, storeId)
    return enter('/auth/switch-store', { storeId })
  }
  return { error, busy, enter, enterStore }
}

// Per person on this device: someone else signing in here has stores of their own.
const keyOf = (userId: string) => `pulse:last-store:${userId}`

/** Remembers the store a person last opened on this device (localStorage: nothing secret, per origin). */
function rememberStore(userId: string | undefined, storeId: string): void {
  if (!userId)
    return
  try {
    localStorage.setItem(keyOf(userId), storeId)
  }
  catch {}
}

function lastStore(userId: string | undefined): string | null {
  try {
    return userId ? localStorage.getItem(keyOf(userId)) : null
  }
  catch {
    return null
  }
}

/**
 * After a sign-in (which opens the home store): moves the new session to the store last opened on this
 * device. Returns whether it moved; a store the person has since left answers 404 and is forgotten.
 */
export async function reopenLastStore(userId: string | undefined, currentStoreId: string | undefined): Promise<boolean> {
  const wanted = lastStore(userId)
  if (!wanted || wanted === currentStoreId)
    return false
  try {
    await api<SwitchStoreResponse>('/auth/switch-store', { method: 'POST', body: { storeId: wanted } })
    return true
  }
  catch {
    try {
      localStorage.removeItem(keyOf(userId!))
    }
    catch {}
    return false
  }
}
