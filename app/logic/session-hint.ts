/**
 * What this device knows about its session, in one note: `1` someone signed in here, `0` the last
 * start-up check found nobody signed in (signed out, session expired), absent: nothing known (first
 * visit, storage cleared). Not the session (an HttpOnly cookie the app cannot read) and no secret, only
 * a reason to ask the server or not: a public page (sign-in, register) takes a device without `1` as
 * signed out, and a device at `0` goes straight to sign-in instead of asking `/auth/me` (a request
 * before the page that can only say "signed out", or a 401 for a cookie that expired). A device with no
 * note still asks (without a cookie the answer is `200 {user: null}`, nothing logged), so a session
 * cookie without local storage works.
 */
export const SESSION_HINT_KEY = 'pulse:signed-in'

const SIGNED_IN = '1'
const SIGNED_OUT = '0'

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

/** The note, or undefined where storage cannot tell. */
function readHint(storage: HintStorage | undefined): string | null | undefined {
  try {
    return storage?.getItem(SESSION_HINT_KEY)
  }
  catch {
    return undefined
  }
}

/** Whether this device may hold a session. Without storage: true (ask the server). */
export function mayHaveSession(storage: HintStorage | undefined = defaultStorage()): boolean {
  const hint = readHint(storage)
  return hint === undefined || hint === SIGNED_IN
}

/** Whether this device's last check found nobody signed in. Without storage: false (ask the server). */
export function knownSignedOut(storage: HintStorage | undefined = defaultStorage()): boolean {
  return readHint(storage) === SIGNED_OUT
}

/** Records a sign-in (a profile came back from the server) or its end (sign-out, 401): then nothing is known. */
export function rememberSession(signedIn: boolean, storage: HintStorage | undefined = defaultStorage()): void {
  try {
    if (signedIn)
      storage?.setItem(SESSION_HINT_KEY, SIGNED_IN)
    else if (readHint(storage) === SIGNED_IN)
      storage?.removeItem(SESSION_HINT_KEY)
  }
  catch {}
}

/**
 * Records what the start-up check found. A sign-in noted on this device stands (a check that could not
 * reach the server proves nothing): the next start asks the server again.
 */
export function noteSignedOut(signedOut: boolean, storage: HintStorage | undefined = defaultStorage()): void {
  const hint = readHint(storage)
  try {
    if (hint === SIGNED_IN)
      return
    if (signedOut)
      storage?.setItem(SESSION_HINT_KEY, SIGNED_OUT)
    else if (hint === SIGNED_OUT)
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
