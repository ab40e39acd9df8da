import { formatMoney } from './format'

/** What counter mode says about its figures, besides showing them. */
export type CounterNotice
  /** The figures are live (or loading): nothing to say. */
  = | { kind: 'none' }
  /** This role may not see today's money: a plain explanation, no Retry (one could never work). */
    | { kind: 'not-allowed' }
  /** Shown from this device's copy, saved at `savedAt` (the server cannot be reached). */
    | { kind: 'cached', savedAt: number }
  /** Offline with no copy on this device: it loads by itself when the network returns. */
    | { kind: 'offline-empty' }
  /** The server answered with an error: Retry can help. */
    | { kind: 'failed' }

export interface CounterFiguresInput {
  /** The signed-in role may read today's figures (`analytics:read_today`). */
  canSeeToday: boolean
  /** How the last load ended. */
  outcome: 'pending' | 'network' | 'cache' | 'offline' | 'error'
  savedAt: number | null
}

/** The one notice for the counter's figures, from the role and how they were last loaded. */
export function counterNotice({ canSeeToday, outcome, savedAt }: CounterFiguresInput): CounterNotice {
  if (!canSeeToday)
    return { kind: 'not-allowed' }
  if (outcome === 'cache' && savedAt !== null)
    return { kind: 'cached', savedAt }
  if (outcome === 'offline' || outcome === 'cache')
    return { kind: 'offline-empty' }
  if (outcome === 'error')
    return { kind: 'failed' }
  return { kind: 'none' }
}

/** An amount as counter mode shows it: dots while money is hidden. */
export function counterMoney(cents: number, currency: string, hidden: boolean): string {
  return hidden ? '•••••' : formatMoney(cents, currency)
}
