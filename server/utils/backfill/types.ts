import type { Facts } from '../connectors/types'

/** One sale of a platform's history: when it was made (ISO instant) and what it says, as a webhook would. */
export interface HistoryItem {
  at: string
  facts: Facts[]
}

/** A page of a platform's list; `next` is where the list goes on (null: it ends here). */
export interface HistoryPage {
  items: HistoryItem[]
  next: string | null
}

/** What a history reader needs of a connection. */
export interface HistorySource {
  platform: string
  apiKey: string
  shopDomain: string | null
}

/** Reads one page of a platform's sales created at or after `since`, from `cursor` (null: the first page). */
export type HistoryReader = (source: HistorySource, since: Date, cursor: string | null) => Promise<HistoryPage>

/** The platform refused the request for a reason that waiting does not fix (a wrong key, a missing scope). */
export class PlatformRefused extends Error {}

/** The platform asked to wait (`429`): `retryAfterMs` from its `Retry-After`. */
export class RateLimited extends Error {
  constructor(readonly retryAfterMs: number) {
    super('The platform asked to slow down.')
  }
}
