import type { HintStorage } from '../../app/logic/session-hint'
import { describe, expect, it } from 'vitest'
import { mayHaveSession, rememberSession, SESSION_HINT_KEY, shouldAskServer } from '../../app/logic/session-hint'

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
})
