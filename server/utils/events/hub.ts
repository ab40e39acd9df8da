import type { Db } from '../db/connection'
import type { StreamClient } from './stream-client'
import type { LoggedEvent } from './types'
import { performance } from 'node:perf_hooks'
import { useDb } from '../db/connection'
import { readEvents, readLastSeq } from './event-log'
import { countEvent, streamMetrics } from './metrics'
import { frame } from './sse-frames'

/**
 * The streams of one store on this instance, and the seq it has delivered up to. Events are delivered
 * strictly in seq order: one that arrives ahead of a missing seq (a commit that has not published yet,
 * a lost notification from another instance) makes the channel read the gap from the log first.
 */
class StoreChannel {
  readonly clients = new Set<StreamClient>()
  lastSeq = 0
  private pending: LoggedEvent[] = []
  private target = 0
  private busy: Promise<void> | null
  readonly ready: Promise<void>

  constructor(readonly storeId: string, private readonly db: Promise<Db>) {
    this.ready = this.db.then(db => readLastSeq(db, storeId)).then((seq) => {
      this.lastSeq = seq
    })
    this.busy = this.run(this.ready)
  }

  /** Committed events of this store, from this instance or another; duplicates and old seqs are ignored. */
  offer(events: LoggedEvent[]): void {
    if (!this.busy) {
      let index = 0
      while (index < events.length && events[index].seq <= this.lastSeq + 1) {
        if (events[index].seq === this.lastSeq + 1)
          this.deliver(events[index])
        index++
      }
      if (index === events.length)
        return
      events = events.slice(index)
    }
    this.pending.push(...events)
    this.schedule()
  }

  /** Another instance committed up to `seq`: read what this instance has not delivered from the log. */
  catchUpTo(seq: number): void {
    if (seq <= this.lastSeq && !this.busy)
      return
    this.target = Math.max(this.target, seq)
    this.schedule()
  }

  private schedule(): void {
    this.busy ??= this.run(Promise.resolve())
  }

  private run(after: Promise<void>): Promise<void> {
    // A channel whose first read failed is dropped by attachClient; nothing is left to deliver here.
    return after.then(() => this.drain(), () => {}).finally(() => {
      this.busy = null
      if (this.pending.length > 0 || this.target > this.lastSeq)
        this.schedule()
    })
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0 || this.target > this.lastSeq) {
        const batch = this.pending.sort((a, b) => a.seq - b.seq)
        this.pending = []
        for (const event of batch) {
          if (event.seq > this.lastSeq + 1)
            await this.fillFromLog(event.seq - 1)
          if (event.seq > this.lastSeq)
            this.deliver(event)
        }
        if (this.target > this.lastSeq)
          await this.fillFromLog(this.target)
      }
    }
    catch (error) {
      // Streams stay open; clients that notice a gap in seq resume through the log on reconnect.
      console.error(`[stream] store=${this.storeId} could not read the event log:`, error)
      this.pending = []
      this.target = 0
    }
  }

  private async fillFromLog(upTo: number): Promise<void> {
    const db = await this.db
    while (this.lastSeq < upTo) {
      const events = await readEvents(db, this.storeId, this.lastSeq, upTo)
      if (events.length === 0) {
        // Only a pruned log can lack committed events; move on rather than wait for them forever.
        console.error(`[stream] store=${this.storeId} events ${this.lastSeq + 1}..${upTo} are not in the log`)
        this.lastSeq = upTo
        return
      }
      for (const event of events) this.deliver(event)
    }
  }

  private deliver(event: LoggedEvent): void {
    this.lastSeq = event.seq
    if (this.clients.size === 0)
      return
    const bytes = frame(event.type, event.data, event.seq)
    let delivered = 0
    for (const client of this.clients) {
      if (client.deliver(event.seq, bytes))
        delivered++
    }
    countEvent(streamMetrics.delivered, event.type, delivered)
    if (event.committedAt !== undefined && delivered > 0)
      streamMetrics.commitToWrite.observe(performance.now() - event.committedAt)
  }
}

const channels = new Map<string, StoreChannel>()

export function publishCommitted(storeId: string, events: LoggedEvent[]): void {
  for (const event of events) countEvent(streamMetrics.published, event.type)
  channels.get(storeId)?.offer(events)
}

export function notifyCommitted(storeId: string, seq: number): void {
  channels.get(storeId)?.catchUpTo(seq)
}

export function countStreams(storeId: string): number {
  return channels.get(storeId)?.clients.size ?? 0
}

/** Adds a client to its store's channel and returns the seq the channel has delivered up to. */
export async function attachClient(client: StreamClient): Promise<number> {
  let channel = channels.get(client.storeId)
  if (!channel) {
    channel = new StoreChannel(client.storeId, useDb())
    channels.set(client.storeId, channel)
  }
  channel.clients.add(client)
  try {
    await channel.ready
  }
  catch (error) {
    // The store's newest seq could not be read: forget the channel so the next stream tries afresh.
    if (channels.get(client.storeId) === channel)
      channels.delete(client.storeId)
    throw error
  }
  return channel.lastSeq
}

export function detachClient(client: StreamClient): void {
  const channel = channels.get(client.storeId)
  if (!channel)
    return
  channel.clients.delete(client)
  if (channel.clients.size === 0)
    channels.delete(client.storeId)
}

export function forEachClient(visit: (client: StreamClient) => void): void {
  for (const channel of channels.values()) {
    for (const client of channel.clients) visit(client)
  }
}

/** The stores this instance streams, for catching them all up after a lost listener connection. */
export function listChannelStores(): string[] {
  return [...channels.keys()]
}

export function countChannels(): number {
  return channels.size
}
