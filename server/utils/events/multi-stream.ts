import type { MultiStreamFrames, ResetEvent } from '~shared/types/api'
import type { Session } from '../auth/sessions/sessions'
import type { ReplayingStream, StoreReplay } from './multi-replay'
import type { LastEventId } from './open-stream'
import type { TapOwner } from './store-tap'
import type { CloseReason } from './stream-client'
import { decodeCursor, encodeCursor, isCursor } from '~shared/stream-cursor'
import { getSessionById } from '../auth/sessions/sessions'
import { useConfig } from '../config'
import { useDb } from '../db/connection'
import { createApiError } from '../http/errors'
import { isShuttingDown } from '../shutdown-state'
import { startHeartbeat, stopHeartbeatIfIdle } from './heartbeat'
import { attachClients } from './hub'
import { streamMetrics } from './metrics'
import { replayStores } from './multi-replay'
import { assertStreamRoom, onClosed } from './open-stream'
import { frame, retryFrame } from './sse-frames'
import { StoreTap } from './store-tap'
import { StreamClient } from './stream-client'

const RETRY_MS = 5000

/** Who a stream over several stores belongs to, and whether it follows every store of theirs (`stores=all`). */
export interface MultiStreamOwner { session: Session, person: boolean, all: boolean }

/** The open streams over several stores of this instance, by principal: a change of access finds them here. */
const byPrincipal = new Map<string, Set<MultiStream>>()

/** Told when this instance starts and stops holding a principal's streams over all stores (the wake-up bus). */
export interface PrincipalWatcher { opened: (principalId: string) => void, closed: (principalId: string) => void }
const principalWatchers: PrincipalWatcher[] = []

export function watchPrincipals(watcher: PrincipalWatcher): void {
  principalWatchers.push(watcher)
}

export function listWatchedPrincipals(): string[] {
  return [...byPrincipal.keys()]
}

async function isMember(principalId: string, storeId: string): Promise<boolean> {
  const db = await useDb()
  return !!await db.selectFrom('memberships').select('role').where('user_id', '=', principalId).where('store_id', '=', storeId).executeTakeFirst()
}

/**
 * One connection carrying the events of several stores: a StoreTap per store in its store's channel, and
 * the cursor of every store (shared/stream-cursor.ts) as the `id` of each live event and replayed batch
 * (multi-replay.ts), so a reconnect with
 * `Last-Event-ID` resumes every store from its own seq. A store whose access ends leaves the stream
 * (`store_removed`); with `stores=all` a store joined meanwhile enters it (`store_added`).
 */
class MultiStream implements TapOwner, ReplayingStream {
  readonly client: StreamClient
  readonly taps = new Map<string, StoreTap>()
  /** The seq of each store that the client has been sent (or told to start from). */
  readonly positions = new Map<string, number>()
  private lastBeat: Buffer | undefined

  constructor(readonly owner: MultiStreamOwner) {
    const { session } = owner
    this.client = new StreamClient('*', session.id, useConfig().streamMaxBuffer, () => this.closed(), session.userId)
    // The connection itself replays nothing: its heartbeats may go out at once.
    this.client.finishReplay()
    let mine = byPrincipal.get(session.userId)
    if (!mine) {
      byPrincipal.set(session.userId, mine = new Set())
      for (const watcher of principalWatchers) watcher.opened(session.userId)
    }
    mine.add(this)
  }

  get cursor(): string {
    return encodeCursor(this.positions)
  }

  /**
   * Opens a tap in each store's channel (the channels not open yet read their newest seqs in one
   * statement); their live events wait until `start` says where each store begins. On an error the
   * caller closes the stream.
   */
  async openAll(storeIds: readonly string[]): Promise<Array<{ tap: StoreTap, lastSeq: number }>> {
    const { session } = this.owner
    const taps = storeIds.map((storeId) => {
      const tap = new StoreTap(this, storeId, session.id, useConfig().streamMaxBuffer, onClosed, session.userId)
      this.taps.set(storeId, tap)
      streamMetrics.openStreams++
      streamMetrics.streamsOpened++
      return tap
    })
    startHeartbeat()
    const seqs = await attachClients(taps)
    return taps.map((tap, index) => ({ tap, lastSeq: seqs[index] }))
  }

  /** openAll of one store joining an open stream: on an error its tap ends, the stream goes on. */
  async open(storeId: string): Promise<{ tap: StoreTap, lastSeq: number }> {
    try {
      return (await this.openAll([storeId]))[0]
    }
    catch (error) {
      this.taps.get(storeId)?.endTap('client')
      throw error
    }
  }

  /**
   * From `lastSeq` on, live; before it, the log from `from` (returned: the caller replays every store's
   * together), or `reset` when `from` is unknown.
   */
  start(tap: StoreTap, lastSeq: number, from: number | undefined): StoreReplay | undefined {
    tap.startAfter(lastSeq)
    if (from === undefined) {
      this.positions.set(tap.storeId, lastSeq)
      this.send('reset', { storeId: tap.storeId, lastSeq })
      tap.finishReplay()
    }
    else if (from !== lastSeq) {
      this.positions.set(tap.storeId, from)
      return { tap, from, upTo: lastSeq }
    }
    else {
      this.positions.set(tap.storeId, lastSeq)
      tap.finishReplay()
    }
    return undefined
  }

  /** The log no longer holds what the client missed in this store: it starts again from `lastSeq`. */
  sendReset(tap: StoreTap, lastSeq: number): boolean {
    this.positions.set(tap.storeId, lastSeq)
    return this.send('reset', { storeId: tap.storeId, lastSeq })
  }

  /** A frame of the connection's own, with the cursor as its id. */
  send<K extends keyof MultiStreamFrames>(type: K, data: MultiStreamFrames[K]): boolean {
    return this.client.write(frame(type, JSON.stringify(data), this.cursor))
  }

  forward(tap: StoreTap, bytes: Buffer): boolean {
    if (this.client.closed)
      return false
    const text = bytes.toString()
    if (text.startsWith('event: reset\n')) {
      const { lastSeq } = JSON.parse(text.slice(text.indexOf('data: ') + 6)) as ResetEvent
      return this.sendReset(tap, lastSeq)
    }
    if (!text.startsWith('id: '))
      return this.client.write(bytes)
    const newline = text.indexOf('\n')
    this.positions.set(tap.storeId, Number(text.slice(4, newline)))
    return this.client.write(Buffer.from(`id: ${this.cursor}${text.slice(newline)}`))
  }

  beat(bytes: Buffer): void {
    // Every tap is handed the same heartbeat: one goes out.
    if (bytes !== this.lastBeat) {
      this.lastBeat = bytes
      this.client.beat(bytes)
    }
  }

  drained(timeoutMs?: number): Promise<boolean> {
    return this.client.drained(timeoutMs)
  }

  /** Whether the principal may still stream this store: its session lives and (a person) is still a member. */
  async mayStream(storeId: string): Promise<boolean> {
    const { session, person } = this.owner
    const live = await getSessionById(session.id)
    if (!live)
      return false
    return person ? isMember(session.userId, storeId) : live.storeId === storeId
  }

  recheck(tap: StoreTap): void {
    this.mayStream(tap.storeId).then((may) => {
      if (!may)
        tap.endTap('signed_out')
    }, (error) => {
      console.error('[stream] access check failed:', error)
      tap.endTap('signed_out')
    })
  }

  tapClosed(tap: StoreTap): void {
    if (this.taps.get(tap.storeId) !== tap)
      return
    this.taps.delete(tap.storeId)
    this.positions.delete(tap.storeId)
    if (this.client.closed)
      return
    if (this.taps.size === 0) {
      this.client.close(tap.closeReason)
      return
    }
    if (tap.closeReason === 'slow')
      this.client.close('slow')
    else
      this.send('store_removed', { storeId: tap.storeId })
  }

  /** With `stores=all`: a store the principal joined while the stream is open enters it. */
  async admit(storeId: string): Promise<void> {
    if (!this.owner.all || this.taps.has(storeId) || this.client.closed || !await this.mayStream(storeId))
      return
    const { tap, lastSeq } = await this.open(storeId)
    if (this.client.closed) {
      tap.endTap('client')
      return
    }
    tap.startAfter(lastSeq)
    this.positions.set(storeId, lastSeq)
    this.send('store_added', { storeId, lastSeq })
    tap.finishReplay()
  }

  close(reason: CloseReason): void {
    this.client.close(reason)
  }

  private closed(): void {
    console.log(`[stream] close stores=${this.taps.size} conn=${this.client.id} reason=${this.client.closeReason}`)
    const principalId = this.owner.session.userId
    byPrincipal.get(principalId)?.delete(this)
    if (byPrincipal.get(principalId)?.size === 0) {
      byPrincipal.delete(principalId)
      for (const watcher of principalWatchers) watcher.closed(principalId)
    }
    for (const tap of [...this.taps.values()]) tap.endTap(this.client.closeReason)
    stopHeartbeatIfIdle()
  }
}

/** Where each store resumes: from `Last-Event-ID` (a cursor), nothing for a first connect. 400 for anything else. */
function readResume(raw: LastEventId, storeIds: readonly string[]): Map<string, number> | undefined {
  if (raw === undefined || raw === '')
    return undefined
  const seqs = typeof raw === 'string' && isCursor(raw) ? decodeCursor(raw, storeIds) : undefined
  if (!seqs)
    throw createApiError('invalid_last_event_id', 'Last-Event-ID of a stream over several stores must be a cursor it sent (m2.…).')
  return seqs
}

/**
 * Opens one stream over `storeIds`: `retry`, `connected` ({connectionId, stores: [{storeId, lastSeq}]},
 * with the cursor as its id), then per store the replay after its resume seq in `batch` events (or
 * `reset` {storeId, lastSeq} when the log cannot supply it, or the cursor does not name the store), then
 * live events.
 */
export async function openMultiStream(lastEventId: LastEventId, owner: MultiStreamOwner, storeIds: readonly string[]): Promise<StreamClient> {
  if (isShuttingDown())
    throw createApiError('shutting_down', undefined, { 'retry-after': '1' })
  const resume = readResume(lastEventId, storeIds)
  for (const storeId of storeIds) assertStreamRoom(owner.session, storeId)
  const stream = new MultiStream(owner)
  console.log(`[stream] open stores=${storeIds.length} conn=${stream.client.id}`)
  try {
    const opened = await stream.openAll(storeIds)
    stream.client.write(retryFrame(RETRY_MS))
    for (const { tap, lastSeq } of opened) stream.positions.set(tap.storeId, resume?.get(tap.storeId) ?? lastSeq)
    stream.send('connected', { connectionId: stream.client.id, stores: opened.map(({ tap, lastSeq }) => ({ storeId: tap.storeId, lastSeq })) })
    const replays = opened.flatMap(({ tap, lastSeq }) => stream.start(tap, lastSeq, resume ? resume.get(tap.storeId) : lastSeq) ?? [])
    if (replays.length > 0)
      void replayStores(stream, replays)
  }
  catch (error) {
    stream.close('client')
    stream.client.body.destroy()
    throw error
  }
  return stream.client
}

/**
 * A principal's access to a store changed (here or on another instance): its streams over all its stores
 * take in a store it joined. Leaving is handled by the taps themselves (StoreTap.close).
 */
export function admitToMultiStreams(storeId: string, principalId: string): void {
  for (const stream of byPrincipal.get(principalId) ?? []) {
    stream.admit(storeId).catch(error => console.error('[stream] could not add a store to a stream:', error))
  }
}
