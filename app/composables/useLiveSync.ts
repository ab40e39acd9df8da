import type { MaybeRefOrGetter, Ref, ShallowRef } from 'vue'
import type { ResetEvent, StreamEvent } from '~shared/types/api'
import type { ChannelMessage, LiveStatus } from '../logic/channel'
import type { LockManagerLike } from '../logic/leader'
import type { EventSourceConstructor } from './useLiveStream'
import { computed, getCurrentScope, onScopeDispose, shallowRef, toValue, watch } from 'vue'
import { CHANNEL_NAME, LOCK_NAME } from '../logic/channel'
import { createLeaderElection } from '../logic/leader'
import { useLiveStream } from './useLiveStream'

export interface BroadcastChannelLike {
  postMessage: (message: unknown) => void
  onmessage: ((event: MessageEvent) => void) | null
  close: () => void
}

/** The part of `document` that the page's visibility needs. */
export interface VisibilitySource {
  readonly visibilityState: string
  addEventListener: (type: 'visibilitychange', listener: () => void) => void
  removeEventListener: (type: 'visibilitychange', listener: () => void) => void
}

export interface UseLiveSyncOptions {
  /**
   * Whether live updates are wanted (signed in and the Real-time toggle on).
   * @default true
   */
  enabled?: MaybeRefOrGetter<boolean>
  /**
   * Whether the network is up.
   * @default true
   */
  online?: MaybeRefOrGetter<boolean>
  /**
   * The seq of the loaded snapshot, to resume after on a first connect.
   * @default () => undefined
   */
  resumeFrom?: () => number | undefined
  /** Each event once, whether from this tab's stream or relayed by the leader tab. */
  onEvent?: (event: StreamEvent) => void
  /** Refetch everything. */
  onReset?: (info: ResetEvent) => void
  /**
   * How long a hidden page keeps its place (and the stream, if it leads) before letting go.
   * @default 10000
   */
  hiddenGraceMs?: number
  /** @default globalThis.document */
  document?: VisibilitySource
  /** @default globalThis.BroadcastChannel */
  BroadcastChannel?: new (name: string) => BroadcastChannelLike
  /** @default navigator.locks */
  locks?: LockManagerLike
  /** @default globalThis.EventSource */
  EventSource?: EventSourceConstructor
  /** @default globalThis (for `pagehide`) */
  window?: { addEventListener: (type: 'pagehide', listener: () => void) => void, removeEventListener: (type: 'pagehide', listener: () => void) => void }
}

export interface UseLiveSyncReturn {
  status: ShallowRef<LiveStatus>
  isLeader: ShallowRef<boolean>
  /** True while the page is visible or within its grace period. */
  active: Readonly<Ref<boolean>>
  /** Failed connects in a row of this tab's stream (when it leads). */
  failures: Readonly<Ref<number>>
}

/**
 * One stream per browser: the visible tabs queue for a Web Lock; the holder opens the stream (useLiveStream)
 * and relays every event on a BroadcastChannel, the others apply what it relays and show its status. A
 * hidden tab lets go after a grace period (the stream closes if no other tab is visible) and rejoins at
 * once on return, catching up from the last seq it saw.
 */
export function useLiveSync(options: UseLiveSyncOptions = {}): UseLiveSyncReturn {
  const {
    enabled = true,
    online = true,
    resumeFrom = () => undefined,
    onEvent,
    onReset,
    hiddenGraceMs = 10_000,
  } = options
  const doc: VisibilitySource | undefined = options.document ?? globalThis.document
  const win = options.window ?? (globalThis as unknown as NonNullable<UseLiveSyncOptions['window']>)
  const Channel = options.BroadcastChannel ?? (globalThis.BroadcastChannel as unknown as (new (name: string) => BroadcastChannelLike) | undefined)

  const visible = shallowRef(doc?.visibilityState !== 'hidden')
  const inGrace = shallowRef(false)
  const active = computed(() => visible.value || inGrace.value)
  const participating = computed(() => toValue(enabled) && active.value)
  const isLeader = shallowRef(false)
  const relayedStatus = shallowRef<LiveStatus | undefined>()
  /** Newest seq this tab has seen, from its stream or the leader's relay: resume after it, drop repeats. */
  let seenSeq: number | undefined

  const channel = Channel ? new Channel(CHANNEL_NAME) : undefined
  const post = (message: ChannelMessage) => channel?.postMessage(message)

  const deliver = (event: StreamEvent) => {
    if (seenSeq !== undefined && event.seq <= seenSeq)
      return
    seenSeq = event.seq
    onEvent?.(event)
  }

  const stream = useLiveStream({
    enabled: () => isLeader.value && participating.value,
    online,
    resumeFrom: () => seenSeq ?? resumeFrom(),
    EventSource: options.EventSource,
    onEvent(event) {
      post({ kind: 'event', type: event.type, event })
      deliver(event)
    },
    onReset(info) {
      seenSeq = info.lastSeq
      post({ kind: 'reset', lastSeq: info.lastSeq })
      onReset?.(info)
    },
  })

  const election = createLeaderElection({
    name: LOCK_NAME,
    locks: 'locks' in options ? options.locks : (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks,
    onChange(value) {
      isLeader.value = value
    },
  })

  if (channel) {
    channel.onmessage = ({ data }: MessageEvent<ChannelMessage>) => {
      switch (data.kind) {
        case 'hello':
          if (isLeader.value)
            post({ kind: 'status', status: stream.status.value, lastSeq: stream.lastSeq.value })
          break
        case 'status':
          if (!isLeader.value)
            relayedStatus.value = data.status
          break
        case 'event':
          if (!isLeader.value)
            deliver(data.event)
          break
        case 'reset':
          if (!isLeader.value) {
            seenSeq = data.lastSeq
            onReset?.({ lastSeq: data.lastSeq })
          }
          break
      }
    }
  }

  watch(() => stream.status.value, (status) => {
    if (isLeader.value)
      post({ kind: 'status', status, lastSeq: stream.lastSeq.value })
  })

  watch(isLeader, (leader) => {
    if (!leader) {
      // Followers show "Connecting…" until the next leader speaks.
      post({ kind: 'status', status: 'connecting', lastSeq: seenSeq })
      relayedStatus.value = undefined
    }
  })

  watch(participating, (join) => {
    if (join) {
      election.start()
      if (!isLeader.value)
        post({ kind: 'hello' })
    }
    else {
      election.stop()
    }
  }, { immediate: true })

  let graceTimer: ReturnType<typeof setTimeout> | undefined
  const onVisibility = () => {
    const isVisible = doc.visibilityState !== 'hidden'
    if (graceTimer !== undefined)
      clearTimeout(graceTimer)
    graceTimer = undefined
    if (isVisible) {
      inGrace.value = false
      visible.value = true
      return
    }
    inGrace.value = true
    visible.value = false
    graceTimer = setTimeout(() => {
      graceTimer = undefined
      inGrace.value = false
    }, hiddenGraceMs)
  }
  doc?.addEventListener('visibilitychange', onVisibility)
  // A leader whose tab goes away tells the others, who then show "Connecting…" while one takes over.
  const onPageHide = () => {
    if (isLeader.value)
      post({ kind: 'status', status: 'connecting', lastSeq: seenSeq })
  }
  win?.addEventListener?.('pagehide', onPageHide)

  const status = shallowRef<LiveStatus>('offline')
  watch([() => toValue(enabled), () => toValue(online), isLeader, () => stream.status.value, relayedStatus], () => {
    if (!toValue(enabled) || !toValue(online))
      status.value = 'offline'
    else if (isLeader.value)
      status.value = stream.status.value
    else
      status.value = relayedStatus.value ?? 'connecting'
  }, { immediate: true })

  if (getCurrentScope()) {
    onScopeDispose(() => {
      if (graceTimer !== undefined)
        clearTimeout(graceTimer)
      doc?.removeEventListener('visibilitychange', onVisibility)
      win?.removeEventListener?.('pagehide', onPageHide)
      election.stop()
      stream.close()
      channel?.close()
    })
  }

  return { status, isLeader, active, failures: stream.failures }
}
