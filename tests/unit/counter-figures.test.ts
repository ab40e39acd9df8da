import { describe, expect, it } from 'vitest'
import { counterNotice } from '../../app/logic/counter-figures'

describe('counterNotice: what counter mode says about its figures', () => {
  it('explains a role without today\'s figures, whatever the load did (no Retry that cannot work)', () => {
    for (const outcome of ['pending', 'network', 'cache', 'offline', 'error'] as const)
      expect(counterNotice({ canSeeToday: false, outcome, savedAt: 1 })).toEqual({ kind: 'not-allowed' })
  })

  it('names the time of a copy shown offline, and says when there is none', () => {
    expect(counterNotice({ canSeeToday: true, outcome: 'cache', savedAt: 1234 })).toEqual({ kind: 'cached', savedAt: 1234 })
    expect(counterNotice({ canSeeToday: true, outcome: 'offline', savedAt: null })).toEqual({ kind: 'offline-empty' })
    expect(counterNotice({ canSeeToday: true, outcome: 'cache', savedAt: null })).toEqual({ kind: 'offline-empty' })
  })

  it('offers Retry only for a server error, and says nothing while live or loading', () => {
    expect(counterNotice({ canSeeToday: true, outcome: 'error', savedAt: null })).toEqual({ kind: 'failed' })
    expect(counterNotice({ canSeeToday: true, outcome: 'network', savedAt: 5 })).toEqual({ kind: 'none' })
    expect(counterNotice({ canSeeToday: true, outcome: 'pending', savedAt: null })).toEqual({ kind: 'none' })
  })
})
