import type { Db, Dialect } from '../db/connection'
import { usePushConfig } from '../config'
import { pushNow } from '../time/clock'
import { DECIDE_BATCH, decideStore, laggingStores, scheduleSummaries, storesWithCursor } from './decide'
import { claimDue, nextDue } from './deliver'
import { PushDispatcher } from './dispatch'

/**
 * The push worker of this instance. Woken by every commit the hub hears of (its own and, on
 * PostgreSQL, other instances'), and by a slow timer as a safety net: it decides pushes from the
 * committed event log into the outbox, queues due daily summaries, and sends what is due.
 */
class PushWorker {
  /** Stores with subscribed devices: a commit of any other store costs the worker nothing. */
  private readonly watched = new Set<string>()
  private dirty = new Set<string>()
  private sweep = true
  private running: Promise<void> | null = null
  private again = false
  private timer: NodeJS.Timeout | undefined
  private stopped = false
  /** A send settled: claim again (the in-flight cap may have held pushes back, or a retry is due). */
  private claimMore = false
  private readonly dispatcher: PushDispatcher

  constructor(private readonly db: Db, private readonly dialect: Dialect) {
    this.dispatcher = new PushDispatcher(db, () => {
      if (this.stopped)
        return
      this.claimMore = true
      this.kick()
    })
  }

  /** A store committed events (or, without a store, anything may be due). */
  wake(storeId?: string): void {
    if (this.stopped)
      return
    if (storeId) {
      if (!this.watched.has(storeId))
        return
      this.dirty.add(storeId)
    }
    else {
      this.sweep = true
    }
    this.kick()
  }

  /** Runs a pass now, or once more after the current one (what woke it is in `dirty` / `sweep`). */
  private kick(): void {
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.run().finally(() => {
      this.running = null
      if (this.again && !this.stopped) {
        this.again = false
        this.kick()
      }
    })
  }

  private async run(): Promise<void> {
    clearTimeout(this.timer)
    let sleepMs = usePushConfig().pollMs
    try {
      const stores = new Set(this.dirty)
      this.dirty.clear()
      const sweep = this.sweep
      const claimMore = this.claimMore
      this.claimMore = false
      let queued = 0
      if (sweep) {
        this.sweep = false
        for (const storeId of await storesWithCursor(this.db)) this.watched.add(storeId)
        for (const storeId of await laggingStores(this.db)) stores.add(storeId)
        while (await scheduleSummaries(this.db, this.dialect) === 50);
      }
      for (const storeId of stores) {
        for (;;) {
          const decided = await decideStore(this.db, this.dialect, storeId)
          queued += decided.queued
          if (decided.events < DECIDE_BATCH)
            break
        }
      }
      // Pushes that became due later (retries, quiet hours, reminders) are sent by the timed sweep.
      // Sends go on in the dispatcher: this pass never waits for them.
      for (;;) {
        if ((!sweep && queued === 0 && !claimMore) || this.dispatcher.full)
          break
        const claimed = await claimDue(this.db, this.dialect)
        if (claimed.length === 0)
          break
        this.dispatcher.dispatch(claimed)
      }
      const due = this.dispatcher.full ? null : await nextDue(this.db)
      if (due !== null)
        sleepMs = Math.max(20, Math.min(sleepMs, due - pushNow()))
    }
    catch (error) {
      console.error('[push] worker pass failed:', error)
      sleepMs = Math.min(sleepMs, 1000)
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => this.wake(), sleepMs)
      this.timer.unref()
    }
  }

  watch(storeId: string): void {
    this.watched.add(storeId)
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.running
    await this.dispatcher.idle()
  }
}

let worker: PushWorker | undefined

export function startPushWorker(db: Db, dialect: Dialect): void {
  if (worker || !usePushConfig().worker)
    return
  worker = new PushWorker(db, dialect)
  worker.wake()
}

export function wakePushWorker(storeId?: string): void {
  worker?.wake(storeId)
}

/** A device of this store subscribed on this instance: its commits wake the worker from now on. */
export function watchStore(storeId: string): void {
  worker?.watch(storeId)
}

export async function stopPushWorker(): Promise<void> {
  await worker?.stop()
  worker = undefined
}
