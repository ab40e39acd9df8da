import type { ComputedRef, MaybeRefOrGetter, ShallowRef } from 'vue'
import type { ConnectedEvent, ResetEvent, StreamEvent } from '~shared/types/api'
import type { BackoffOptions } from '../logic/backoff'
import type { LiveStatus } from '../logic/channel'
import type { StreamPlace } from '../logic/stream-place'
import { computed, getCurrentScope, onScopeDispose, shallowRef, toValue, watch } from 'vue'
import { STREAM_EVENT_TYPES } from '~shared/domain'
import { backoffDelay } from '../logic/backoff'
import { STALL_GRACE_MS, stallTimeoutMs } from '../logic/stall-watch'
import { loadedStreamDecoder, loadStreamDecoder } from '../logic/stream-decoder'

/** Where the stream is in its life. `retrying`: dropped, waiting out the backoff before the next try. */
export type StreamState = 'idle' | 'connecting' | 'open' | 'retrying'

/** The constructor of EventSource (a fake one in tests). */
export interface EventSourceLike {
  readonly readyState: number
  onerror: ((this: any, event: Event) => any) | null
  addEventListener: (type: string, listener: (event: MessageEvent) => void) => void
  close: () => void
}
export type EventSourceConstructor = new (url: string, init?: { withCredentials?: boolean }) => EventSourceLike

export interface UseLiveStreamOptions {
  /**
   * The stream's URL: it reconnects when this changes (from one store to every store and back).
   * @default '/api/v1/events/stream'
   */
  url?: MaybeRefOrGetter<string>
  /**
   * Whether the stream should be open; it opens and closes as this changes.
   * @default true
   */
  enabled?: MaybeRefOrGetter<boolean>
  /**
   * Whether the network is up; while it is down no attempt is made and the status is `offline`.
   * @default true
   */
  online?: MaybeRefOrGetter<boolean>
  /**
   * The seq to resume after when the stream has none of its own yet (the loaded snapshot's `lastSeq`),
   * so that nothing between the snapshot and the connect is lost.
   * @default () => undefined
   */
  resumeFrom?: () => number | undefined
  /**
   * Reconnect timing after a drop or an HTTP error: first retry within `baseMs`, then doubling up to `maxMs`.
   * @default { baseMs: 1000, maxMs: 60000 }
   */
  backoff?: BackoffOptions
  /**
   * How long past the server's heartbeat interval a silent stream (no byte at all) counts as alive; after
   * it, the stream is treated as dropped: closed, and reconnected with its last seq.
   * @default 15000
   */
  stallGraceMs?: number
  /**
   * Each `order_created`, `payment_received` and `order_updated`, once, in seq order (also those passed to
   * `receive`, and each event of a replay's `batch`).
   */
  onEvent?: (event: StreamEvent) => void
  /** The server accepted the connection. */
  onConnected?: (info: ConnectedEvent) => void
  /** The server could not replay from our seq: everything must be refetched (also on `receiveReset`). */
  onReset?: (info: ResetEvent) => void
  /**
   * Keeps one seq per store instead of one for the stream, and resumes with a cursor over every store
   * when the stream carries several (`?stores=all`).
   * @default undefined
   */
  place?: MaybeRefOrGetter<StreamPlace | undefined>
  /**
   * EventSource implementation.
   * @default globalThis.EventSource
   */
  EventSource?: EventSourceConstructor
}

export interface UseLiveStreamReturn {
  /** For the badge: `live` when connected, `connecting` while (re)connecting, `offline` when closed. */
  status: ComputedRef<LiveStatus>
  state: ShallowRef<StreamState>
  /** Newest seq received (by the stream or `receive`); the stream resumes after it, and drops what is not newer. */
  lastSeq: ShallowRef<number | undefined>
  connectionId: ShallowRef<string | undefined>
  /** Failed attempts since the last successful connect. */
  failures: ShallowRef<number>
  /** Connects now if enabled (skipping a pending backoff), e.g. when the page becomes visible again. */
  reconnect: () => void
  /** Closes the stream (it opens again when `enabled` next turns true or `reconnect` is called). */
  close: () => void
  /**
   * An event of this stream that reached the page another way (relayed by the tab that holds the
   * stream, which may run another version of the app): decoded and put through the same seq check as
   * the stream's own, so `onEvent` gets it once, and a later connect resumes after it.
   */
  receive: (event: unknown) => void
  /** A `reset` that reached the page another way: resumes after its seq and calls `onReset`. */
  receiveReset: (info: ResetEvent) => void
}

/**
 * Owns the live event stream (vueuse `useEventSource` style): opens it while enabled and online, resumes
 * from the last seq, reconnects by itself after any drop or HTTP error with backoff and jitter, and closes
 * when its effect scope is disposed. Reconnects are its own (a fresh EventSource with `?lastEventId=`), so
 * that the delays are ours, not the browser's fixed `retry`.
 */
export function useLiveStream(options: UseLiveStreamOptions = {}): UseLiveStreamReturn {
  const {
    url = '/api/v1/events/stream',
    enabled = true,
    online = true,
    resumeFrom = () => undefined,
    backoff = {},
    stallGraceMs = STALL_GRACE_MS,
    onEvent,
    onConnected,
    onReset,
    place,
  } = options
  const EventSourceImpl = options.EventSource ?? (globalThis.EventSource as unknown as EventSourceConstructor | undefined)

  const state = shallowRef<StreamState>('idle')
  const status = computed<LiveStatus>(() => state.value === 'open' ? 'live' : state.value === 'idle' ? 'offline' : 'connecting')
  const lastSeq = shallowRef<number | undefined>()
  const connectionId = shallowRef<string | undefined>()
  const failures = shallowRef(0)
  let source: EventSourceLike | undefined
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  // The server says its heartbeat interval in `connected`; until then the default one. A stalled proxy or
  // network never errors, EventSource keeps waiting: silence past the heartbeat + the grace is a drop.
  let heartbeatMs: number | undefined
  let stallTimer: ReturnType<typeof setTimeout> | undefined
  const alive = () => {
    clearTimeout(stallTimer)
    stallTimer = setTimeout(dropped, stallTimeoutMs(heartbeatMs, stallGraceMs))
  }

  const wanted = () => toValue(enabled) && toValue(online) && !!EventSourceImpl

  // Events and resets that came before the decoder loaded, in their order.
  let waiting: Array<() => void> = []
  function inOrder(handle: () => void) {
    if (waiting.length === 0 && loadedStreamDecoder()) {
      handle()
      return
    }
    waiting.push(handle)
    if (waiting.length === 1) {
      void loadStreamDecoder().then(() => {
        const queued = waiting
        waiting = []
        queued.forEach(run => run())
      })
    }
  }

  /** An event decoded; one this version cannot read (a newer server's kind or shape) refetches everything. */
  function receiveValue(value: unknown, seq: number) {
    const event = loadedStreamDecoder()!(value)
    if (event)
      accept(event)
    else
      receiveReset({ lastSeq: Math.max(lastSeq.value ?? 0, seq) })
  }

  function receiveFrame(data: string, id: string) {
    let value: unknown
    try {
      value = JSON.parse(data)
    }
    catch {
      // Not JSON: no event either, which receiveValue answers.
    }
    receiveValue(value, Number(id) || 0)
  }

  /** A replay's `batch` (a stream over several stores): its events one by one, in order, as if each had come alone. */
  function receiveBatch(data: string) {
    let values: unknown
    try {
      values = JSON.parse(data)
    }
    catch {
      // Not JSON: no event either, which receiveValue answers.
    }
    for (const value of Array.isArray(values) ? values : [values]) receiveValue(value, 0)
  }

  function receive(value: unknown) {
    inOrder(() => receiveValue(value, 0))
  }

  function teardown() {
    if (retryTimer !== undefined)
      clearTimeout(retryTimer)
    retryTimer = undefined
    clearTimeout(stallTimer)
    if (source) {
      source.onerror = null
      source.close()
    }
    source = undefined
    connectionId.value = undefined
  }

  function accept(event: StreamEvent) {
    const seqs = toValue(place)
    if (seqs ? !seqs.take(event) : lastSeq.value !== undefined && event.seq <= lastSeq.value)
      return
    lastSeq.value = event.seq
    onEvent?.(event)
  }

  function receiveReset(info: ResetEvent) {
    toValue(place)?.restart((info as ResetEvent & { storeId?: string }).storeId, info.lastSeq)
    lastSeq.value = info.lastSeq
    onReset?.(info)
  }

  function connect() {
    teardown()
    if (!wanted()) {
      state.value = 'idle'
      return
    }
    const seqs = toValue(place)
    const from = seqs ? seqs.resumeId(resumeFrom()) : lastSeq.value ?? resumeFrom()
    const base = toValue(url)
    const target = from === undefined ? base : `${base}${base.includes('?') ? '&' : '?'}lastEventId=${from}`
    void loadStreamDecoder()
    const es = new EventSourceImpl!(target, { withCredentials: true })
    source = es
    state.value = 'connecting'
    // A connect that hangs (no answer at all) is a stall too.
    alive()
    es.addEventListener('heartbeat', () => {
      if (source === es)
        alive()
    })
    es.addEventListener('connected', (message) => {
      if (source !== es)
        return
      const info = JSON.parse(message.data) as ConnectedEvent
      toValue(place)?.connected(info)
      heartbeatMs = info.heartbeatMs
      alive()
      connectionId.value = info.connectionId
      failures.value = 0
      // Without a resume point the stream starts at the server's head.
      if (lastSeq.value === undefined && from === undefined)
        lastSeq.value = info.lastSeq
      else if (lastSeq.value === undefined && typeof from === 'number')
        lastSeq.value = from
      state.value = 'open'
      onConnected?.(info)
    })
    es.addEventListener('reset', (message) => {
      if (source !== es)
        return
      alive()
      inOrder(() => receiveReset(JSON.parse(message.data) as ResetEvent))
    })
    es.addEventListener('batch', (message) => {
      if (source !== es)
        return
      alive()
      inOrder(() => receiveBatch(message.data))
    })
    for (const type of STREAM_EVENT_TYPES) {
      es.addEventListener(type, (message) => {
        if (source !== es)
          return
        alive()
        inOrder(() => receiveFrame(message.data, message.lastEventId))
      })
    }
    es.onerror = () => {
      if (source === es)
        dropped()
    }
  }

  /** A drop, an HTTP error (401, 429, 503 …) or a stall: close the browser's own retry and back off ourselves. */
  function dropped() {
    teardown()
    if (!wanted()) {
      state.value = 'idle'
      return
    }
    const delay = backoffDelay(failures.value, backoff)
    failures.value += 1
    state.value = 'retrying'
    retryTimer = setTimeout(connect, delay)
  }

  function close() {
    teardown()
    state.value = 'idle'
  }

  function reconnect() {
    failures.value = 0
    connect()
  }

  // A stream that is open (or about to be) moves to the new URL; a closed one opens there when wanted.
  watch(() => toValue(url), () => {
    if (wanted() && state.value !== 'idle')
      connect()
  })

  watch(wanted, (want) => {
    if (want) {
      failures.value = 0
      connect()
    }
    else {
      close()
    }
  }, { immediate: true })

  if (getCurrentScope())
    onScopeDispose(close)

  return { status, state, lastSeq, connectionId, failures, reconnect, close, receive, receiveReset }
}
