import type { StreamEventType } from '~shared/types/api'

/** An event as committed to the log: the JSON line is built once and sent as is to every client. */
export interface LoggedEvent {
  storeId: string
  seq: number
  type: StreamEventType
  /** JSON of the StreamEvent; one line. */
  data: string
  /** When the write that emitted it happened (set while it is written to the log). */
  createdAt?: string
  /** `performance.now()` when the commit returned, for the commit-to-write latency histogram. */
  committedAt?: number
}
