import type { StreamEvent } from '~shared/types/api'

/** An event as committed to the log: the JSON line is built once and sent as is to every client. */
export interface LoggedEvent {
  storeId: string
  seq: number
  type: StreamEvent['type']
  /** JSON of the StreamEvent; one line. */
  data: string
  /** `performance.now()` when the commit returned, for the commit-to-write latency histogram. */
  committedAt?: number
}
