import type { Facts } from '../connectors/types'
import type { HistoryItem } from './types'
import { InvalidPayload } from '../connectors/types'

/**
 * One listed sale as a history item: a sale the connector cannot read (a field it needs is missing or
 * wrong) is skipped with its reason rather than stopping the import.
 */
export function historyItem(createdAt: string | number, read: () => Facts[]): HistoryItem {
  const time = new Date(createdAt)
  if (Number.isNaN(time.getTime()))
    return { at: new Date().toISOString(), facts: [{ kind: 'ignored', reason: 'The sale has no readable creation time.' }] }
  try {
    return { at: time.toISOString(), facts: read() }
  }
  catch (error) {
    if (error instanceof InvalidPayload)
      return { at: time.toISOString(), facts: [{ kind: 'ignored', reason: error.message }] }
    throw error
  }
}
