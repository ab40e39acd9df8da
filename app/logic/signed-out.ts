/**
 * A note on this device that its last start-up check found nobody signed in (signed out, session
 * expired, never signed in here): the next cold start of a page that needs a session goes straight to
 * sign-in instead of asking `/auth/me` for a 401 that the browser logs as a console error. A device with
 * no note (first visit, storage cleared) still asks, so a session cookie without local storage works.
 */
export const SIGNED_OUT_KEY = 'pulse:signed-out'

type NoteStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

function defaultStorage(): NoteStorage | undefined {
  try {
    return globalThis.localStorage
  }
  catch {
    return undefined
  }
}

export function knownSignedOut(storage: NoteStorage | undefined = defaultStorage()): boolean {
  try {
    return storage?.getItem(SIGNED_OUT_KEY) === '1'
  }
  catch {
    return false
  }
}

export function noteSignedOut(signedOut: boolean, storage: NoteStorage | undefined = defaultStorage()): void {
  try {
    if (signedOut)
      storage?.setItem(SIGNED_OUT_KEY, '1')
    else
      storage?.removeItem(SIGNED_OUT_KEY)
  }
  catch {}
}
