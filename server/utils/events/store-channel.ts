import type { Db } from '../db/connection'
import type { StreamClient } from './stream-client'
import type { LoggedEvent } from './types'
import { performance } from 'node:perf_hooks'
import { readEvents } from './event-log'
import { countPublished } from './flush-scheduler'
import { countEvent, streamMetrics } from './metrics'
import { frame } from './sse-frames'

/**
 * The streams of one store on this instance, and the seq it has delivered up to. Events are delivered
 * strictly in seq order: one that arrives ahead of a missing seq (a commit that has not published yet,
 * a lost notification from another instance) makes the channel read the gap from the log first.
 */
export class StoreChannel {
  readonly clients = new Set<StreamClient>()
  /** How many of `clients` each session holds, and each principal: the stream caps read them at every connect. */
  readonly streamsBySession = new Map<string, number>()
  readonly streamsByPrincipal = new Map<string, number>()
  lastSeq = 0
  private pending: LoggedEvent[] = []
  private target = 0
  private busy: Promise<void> | null
  readonly ready: Promise<void>
  /** `ready` has resolved: the channel knows its lastSeq. */
  isReady = false

  /** `newestSeq`: the store's newest seq, read by the hub (for several channels at once in one statement). */
  constructor(readonly storeId: string, private readonly db: Promise<Db>, newestSeq: Promise<number>) {
    this.ready = newestSeq.then((seq) => {
      this.lastSeq = seq
      this.isReady = true
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
    // A channel whose first read failed is dropped by the hub (attachClient); nothing is left to deliver here.
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
    countPublished()
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
