/**
 * A note on this device that someone signed in here: not the session (an HttpOnly cookie the app cannot
 * read) and no secret, only a reason to ask the server. Without it, a public page (sign-in, register)
 * takes the visitor as signed out instead of sending a request that can only fail with 401.
 */
export const SESSION_HINT_KEY = 'pulse:signed-in'

/** The part of Storage the hint needs. */
export type HintStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

function defaultStorage(): HintStorage | undefined {
  try {
    return globalThis.localStorage
  }
  catch {
    // Storage blocked (privacy settings): no hint, the server is asked as before.
    return undefined
  }
}

/** Whether this device may hold a session. Without storage: true (ask the server). */
export function mayHaveSession(storage: HintStorage | undefined = defaultStorage()): boolean {
  if (!storage)
    return true
  try {
    return storage.getItem(SESSION_HINT_KEY) === '1'
  }
  catch {
    return true
  }
}

/** Records a sign-in (a profile came back from the server) or its end (sign-out, 401). */
export function rememberSession(signedIn: boolean, storage: HintStorage | undefined = defaultStorage()): void {
  try {
    if (signedIn)
      storage?.setItem(SESSION_HINT_KEY, '1')
    else
      storage?.removeItem(SESSION_HINT_KEY)
  }
  catch {}
}

/**
 * Whether the start-up check must ask the server: always for pages that need a session; for public pages
 * only where this device may hold one (so that a signed-in visitor is still sent on from sign-in).
 */
export function shouldAskServer(publicPage: boolean, hint: boolean): boolean {
  return !publicPage || hint
}
