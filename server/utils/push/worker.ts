import type { Db, Dialect } from '../db/connection'
import { decideStore, laggingStores, scheduleSummaries } from './decide'
import { claimDue, deliver, nextDue } from './deliver'
import { pushNow, usePushConfig } from './push-config'

/**
 * The push worker of this instance. Woken by every commit the hub hears of (its own and, on
 * PostgreSQL, other instances'), and by a slow timer as a safety net: it decides pushes from the
 * committed event log into the outbox, queues due daily summaries, and sends what is due.
 */
class PushWorker {
  private dirty = new Set<string>()
  private sweep = true
  private running: Promise<void> | null = null
  private again = false
  private timer: NodeJS.Timeout | undefined
  private stopped = false

  constructor(private readonly db: Db, private readonly dialect: Dialect) {}

  /** A store committed events (or, without a store, anything may be due). */
  wake(storeId?: string): void {
    if (this.stopped)
      return
    if (storeId)
      this.dirty.add(storeId)
    else
      this.sweep = true
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.run().finally(() => {
      this.running = null
      if (this.again) {
        this.again = false
        this.wake()
      }
    })
  }

  private async run(): Promise<void> {
    clearTimeout(this.timer)
    let sleepMs = usePushConfig().pollMs
    try {
      const stores = new Set(this.dirty)
      this.dirty.clear()
      if (this.sweep) {
        this.sweep = false
        for (const storeId of await laggingStores(this.db)) stores.add(storeId)
        while (await scheduleSummaries(this.db, this.dialect) === 50);
      }
      for (const storeId of stores) {
        while (await decideStore(this.db, this.dialect, storeId));
      }
      for (;;) {
        const claimed = await claimDue(this.db, this.dialect)
        if (claimed.length === 0)
          break
        await Promise.all(claimed.map(row => deliver(this.db, row).catch(error => console.error('[push] delivery failed:', error))))
      }
      const due = await nextDue(this.db)
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

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.running
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

export async function stopPushWorker(): Promise<void> {
  await worker?.stop()
  worker = undefined
}
