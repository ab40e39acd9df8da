import type { ComputedRef, MaybeRefOrGetter, Ref, ShallowRef } from 'vue'
import type { ResetEvent, StreamEvent } from '~shared/types/api'
import type { ChannelMessage, LiveStatus } from '../logic/channel'
import type { LockManagerLike } from '../logic/leader'
import type { StreamPlace } from '../logic/stream-place'
import type { EventSourceConstructor } from './useLiveStream'
import type { VisibilitySource } from './usePageVisibility'
import { computed, getCurrentScope, onScopeDispose, shallowRef, toValue, watch } from 'vue'
import { CHANNEL_NAME, LOCK_NAME } from '../logic/channel'
import { createLeaderElection } from '../logic/leader'
import { useLiveStream } from './useLiveStream'
import { usePageVisibility } from './usePageVisibility'

export interface BroadcastChannelLike {
  postMessage: (message: unknown) => void
  onmessage: ((event: MessageEvent) => void) | null
  close: () => void
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
  /**
   * The signed-in store: with it, each store keeps its own seq, so that the stream can follow every store
   * (`allStores`) and come back without a gap or a repeat.
   * @default undefined
   */
  storeId?: () => string | undefined
  /**
   * This tab wants the events of every store of the person (`?stores=all`), e.g. while All locations is
   * open: the leader's stream follows every store while any tab wants it. Needs `storeId`.
   * @default false
   */
  allStores?: MaybeRefOrGetter<boolean>
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
  /** `offline` when not wanted or no network; else the stream's status if this tab leads, or the leader's as relayed. */
  status: ComputedRef<LiveStatus>
  isLeader: ShallowRef<boolean>
  /** True while the page is visible or within its grace period. */
  active: Readonly<Ref<boolean>>
  /** Failed connects in a row of this tab's stream (when it leads). */
  failures: Readonly<Ref<number>>
  /** The stream (this tab's, when it leads) follows every store, as this or another tab asked. */
  allStores: Readonly<Ref<boolean>>
}

const STREAM_URL = '/api/v1/events/stream'

/**
 * One stream per browser: the visible tabs queue for a Web Lock; the holder opens the stream (useLiveStream)
 * and relays every event on a BroadcastChannel, the others pass what it relays through their own
 * (closed) stream's seq check and show its status. A hidden tab lets go after a grace period (the stream
 * closes if no other tab is visible) and rejoins at once on return, catching up from the last seq it saw.
 */
export function useLiveSync(options: UseLiveSyncOptions = {}): UseLiveSyncReturn {
  const { enabled = true, online = true, resumeFrom, onEvent, onReset, hiddenGraceMs } = options
  const win = options.window ?? (globalThis as unknown as NonNullable<UseLiveSyncOptions['window']>)
  const Channel = options.BroadcastChannel ?? (globalThis.BroadcastChannel as unknown as (new (name: string) => BroadcastChannelLike) | undefined)

  const { active } = usePageVisibility({ graceMs: hiddenGraceMs, document: options.document })
  const participating = computed(() => toValue(enabled) && active.value)
  const isLeader = shallowRef(false)
  const relayedStatus = shallowRef<LiveStatus | undefined>()

  const channel = Channel ? new Channel(CHANNEL_NAME) : undefined
  const post = (message: ChannelMessage) => channel?.postMessage(message)

  // Every store while this tab or another one wants it; the tabs that want it say so to the leader.
  const tab = Math.random().toString(36).slice(2)
  const wantsAll = computed(() => !!options.storeId && toValue(options.allStores ?? false) && participating.value)
  const othersWantingAll = shallowRef<ReadonlySet<string>>(new Set())
  const wish = computed(() => wantsAll.value || (isLeader.value && othersWantingAll.value.size > 0))
  /** A seq per store, from the first wish for every store on (until then, the store's one seq is enough). */
  const place = shallowRef<StreamPlace>()
  const allStores = computed(() => wish.value && !!place.value)
  const ownStore = (event: { storeId?: string }) => !!place.value || !options.storeId || !event.storeId || event.storeId === options.storeId()
  const postScope = () => post({ kind: 'scope', tab, all: wantsAll.value })
  function noteScope(from: string, all: boolean) {
    if (all === othersWantingAll.value.has(from))
      return
    const next = new Set(othersWantingAll.value)
    if (all)
      next.add(from)
    else
      next.delete(from)
    othersWantingAll.value = next
  }

  // The stream is open only while this tab leads; it is also where relayed events are checked against
  // the last seq this tab has seen (`receive`), so that each is applied once whichever way it came.
  const stream = useLiveStream({
    url: () => allStores.value ? `${STREAM_URL}?stores=all` : STREAM_URL,
    // Waits for the seqs per store when every store is wanted: it then opens once, over all of them.
    enabled: () => isLeader.value && participating.value && (!wish.value || !!place.value),
    online,
    resumeFrom,
    place,
    EventSource: options.EventSource,
    onEvent(event) {
      if (isLeader.value)
        post({ kind: 'event', type: event.type, event })
      onEvent?.(event)
    },
    onReset(info) {
      if (isLeader.value)
        post({ kind: 'reset', lastSeq: info.lastSeq, storeId: (info as ResetEvent & { storeId?: string }).storeId })
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

  const postStatus = (status: LiveStatus) => post({ kind: 'status', status, lastSeq: stream.lastSeq.value })

  if (channel) {
    channel.onmessage = ({ data }: MessageEvent<ChannelMessage>) => {
      if (data.kind === 'hello' && isLeader.value)
        postStatus(stream.status.value)
      if (data.kind === 'scope')
        noteScope(data.tab, data.all)
      if (isLeader.value)
        return
      // A leader speaking (maybe a new one): it learns that this tab wants every store.
      if (data.kind === 'status' && wantsAll.value)
        postScope()
      if (data.kind === 'status')
        relayedStatus.value = data.status
      // The leader may stream every store for another tab: this one takes its own store's events only.
      else if (data.kind === 'event' && ownStore(data.event))
        stream.receive(data.event)
      else if (data.kind === 'reset' && ownStore(data))
        stream.receiveReset({ lastSeq: data.lastSeq, storeId: data.storeId } as ResetEvent)
    }
  }

  watch(stream.status, (status) => {
    if (isLeader.value)
      postStatus(status)
  })

  watch(wantsAll, postScope)

  // Where the store's stream stands becomes its first entry; the stream then moves to every store.
  watch(wish, async (all) => {
    if (!all || place.value || !options.storeId)
      return
    const { StreamPlace } = await import('../logic/stream-place')
    const seqs = new StreamPlace({ storeId: options.storeId, allStores: () => allStores.value })
    if (stream.lastSeq.value !== undefined)
      seqs.restart(undefined, stream.lastSeq.value)
    place.value ??= seqs
  }, { immediate: true })

  watch(isLeader, (leader) => {
    // What other tabs wanted was said to the leader before: as leader, this tab hears it again.
    othersWantingAll.value = new Set()
    if (!leader) {
      // Followers show "Connecting…" until the next leader speaks.
      postStatus('connecting')
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

  // A leader whose tab goes away tells the others, who then show "Connecting…" while one takes over.
  const onPageHide = () => {
    if (wantsAll.value)
      post({ kind: 'scope', tab, all: false })
    if (isLeader.value)
      postStatus('connecting')
  }
  win?.addEventListener?.('pagehide', onPageHide)

  const status = computed<LiveStatus>(() => {
    if (!toValue(enabled) || !toValue(online))
      return 'offline'
    return isLeader.value ? stream.status.value : relayedStatus.value ?? 'connecting'
  })

  if (getCurrentScope()) {
    onScopeDispose(() => {
      win?.removeEventListener?.('pagehide', onPageHide)
      election.stop()
      stream.close()
      channel?.close()
    })
  }

  return { status, isLeader, active, failures: stream.failures, allStores }
}
