import type { HintStorage } from '../../app/logic/session-hint'
import { describe, expect, it } from 'vitest'
import { knownSignedOut, mayHaveSession, noteSignedOut, rememberSession, SESSION_HINT_KEY, shouldAskServer } from '../../app/logic/session-hint'

function memoryStorage(): HintStorage & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return {
    items,
    getItem: key => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: key => void items.delete(key),
  }
}

describe('session hint', () => {
  it('is set by a sign-in and cleared by its end, and holds no secret', () => {
    const storage = memoryStorage()
    expect(mayHaveSession(storage)).toBe(false)
    rememberSession(true, storage)
    expect(mayHaveSession(storage)).toBe(true)
    expect([...storage.items.values()]).toEqual(['1'])
    rememberSession(false, storage)
    expect(mayHaveSession(storage)).toBe(false)
    expect(storage.items.has(SESSION_HINT_KEY)).toBe(false)
  })

  it('asks the server whenever storage cannot tell', () => {
    const blocked: HintStorage = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('SecurityError')
      },
      removeItem: () => {
        throw new Error('SecurityError')
      },
    }
    expect(mayHaveSession(blocked)).toBe(true)
    expect(() => rememberSession(true, blocked)).not.toThrow()
  })

  it('pages that need a session always ask; public pages only with a hint', () => {
    expect(shouldAskServer(false, false)).toBe(true)
    expect(shouldAskServer(false, true)).toBe(true)
    expect(shouldAskServer(true, true)).toBe(true)
    expect(shouldAskServer(true, false)).toBe(false)
  })

  it('notes a signed-out device, clears the note, and reads false where storage fails', () => {
    const storage = memoryStorage()
    expect(knownSignedOut(storage)).toBe(false)
    noteSignedOut(true, storage)
    expect(knownSignedOut(storage)).toBe(true)
    noteSignedOut(false, storage)
    expect(knownSignedOut(storage)).toBe(false)
    const fail = (): never => {
      throw new Error('blocked')
    }
    const broken = { getItem: fail, setItem: fail, removeItem: fail }
    expect(knownSignedOut(broken)).toBe(false)
    expect(() => noteSignedOut(true, broken)).not.toThrow()
  })

  it('is one note: signed out is never also signed in, and a sign-in outranks a check that found nobody', () => {
    const storage = memoryStorage()
    noteSignedOut(true, storage)
    expect(mayHaveSession(storage)).toBe(false)
    // Paired or joined: the reload asks the server.
    rememberSession(true, storage)
    expect(knownSignedOut(storage)).toBe(false)
    expect(mayHaveSession(storage)).toBe(true)
    // A check that could not reach the server does not wipe the sign-in.
    noteSignedOut(true, storage)
    expect(mayHaveSession(storage)).toBe(true)
    // Signed out (or 401): nothing known until the next check.
    rememberSession(false, storage)
    expect(storage.items.size).toBe(0)
    noteSignedOut(true, storage)
    rememberSession(false, storage)
    expect(knownSignedOut(storage)).toBe(true)
  })
})
