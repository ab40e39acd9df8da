import type { StreamEvent, StreamEventType } from '~shared/types/api'

export type LiveStatus = 'live' | 'connecting' | 'offline'

/** What tabs tell each other on the `pulse-live` BroadcastChannel. */
export type ChannelMessage
  /** The leader's stream status (sent on every change and in answer to `hello`). */
  = | { kind: 'status', status: LiveStatus, lastSeq: number | undefined }
  /** A stream event, relayed as received; the tabs that take it decode it again (they may run another version). */
    | { kind: 'event', type: StreamEventType, event: StreamEvent }
  /** The stream said `reset` (for one store, on a stream over several): refetch what it shows. */
    | { kind: 'reset', lastSeq: number, storeId?: string }
  /** A tab wants the stream over every store (`all`), or no longer does: the leader's stream follows. */
    | { kind: 'scope', tab: string, all: boolean }
  /** A tab joined (or came back): the leader answers with its status. */
    | { kind: 'hello' }

export const CHANNEL_NAME = 'pulse-live'
export const LOCK_NAME = 'pulse-live-stream'
