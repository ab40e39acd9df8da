import type { Order } from '~shared/types/api'

/** What a person entered in the Create order form (the API's CreateOrderSchema input). */
export interface OrderDraft {
  items: Array<{ name: string, sku: string | null, quantity: number, unitPriceCents: number }>
  customerName: string | null
  note: string | null
}

export interface OutboxEntry {
  /** Sent as `Idempotency-Key`: the same key however often the entry is sent, so the server creates one order. */
  key: string
  draft: OrderDraft
  queuedAt: string
  /** Set when the server refused the order (not a network problem): kept for the person to see and discard. */
  error?: string
}

/** Where the outbox lives (IndexedDB through idb-keyval in the app; a Map in tests). */
export interface OutboxStorage {
  read: () => Promise<OutboxEntry[]>
  /** Atomically replaces the list with `change(current)`. */
  update: (change: (entries: OutboxEntry[]) => OutboxEntry[]) => Promise<void>
}

export type SendResult
  = | { ok: true, order: Order }
  /** The network failed (or the session ended): keep the entry and stop; try again later. */
    | { ok: false, retry: true }
  /** The server refused it (validation): keep it marked as failed, carry on with the others. */
    | { ok: false, retry: false, error: string }

export interface FlushResult {
  sent: Array<{ entry: OutboxEntry, order: Order }>
  failed: OutboxEntry[]
  remaining: number
}

export function orderTotalCents(draft: OrderDraft): number {
  return draft.items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0)
}

/**
 * Orders created while offline. Each entry keeps its Idempotency-Key from the moment it is queued, and is
 * removed only after the server answered with the order: an entry sent twice (an answer lost, the app
 * closed mid-send) is still created once. Flushes in one tab never overlap; across tabs the caller wraps
 * `flush` in a Web Lock.
 */
export class Outbox {
  private flushing: Promise<FlushResult> | undefined

  constructor(private readonly storage: OutboxStorage, private readonly newKey: () => string = () => crypto.randomUUID()) {}

  list(): Promise<OutboxEntry[]> {
    return this.storage.read()
  }

  async enqueue(draft: OrderDraft, now = new Date()): Promise<OutboxEntry> {
    const entry: OutboxEntry = { key: this.newKey(), draft, queuedAt: now.toISOString() }
    await this.storage.update(entries => [...entries, entry])
    return entry
  }

  async discard(key: string): Promise<void> {
    await this.storage.update(entries => entries.filter(entry => entry.key !== key))
  }

  /** Sends every queued entry in order, once; concurrent calls share one run. */
  flush(send: (entry: OutboxEntry) => Promise<SendResult>): Promise<FlushResult> {
    this.flushing ??= this.run(send).finally(() => {
      this.flushing = undefined
    })
    return this.flushing
  }

  private async run(send: (entry: OutboxEntry) => Promise<SendResult>): Promise<FlushResult> {
    const result: FlushResult = { sent: [], failed: [], remaining: 0 }
    const entries = await this.storage.read()
    for (const entry of entries) {
      if (entry.error)
        continue
      const outcome = await send(entry)
      if (outcome.ok) {
        await this.storage.update(list => list.filter(e => e.key !== entry.key))
        result.sent.push({ entry, order: outcome.order })
        continue
      }
      if (outcome.retry)
        break
      const failed = { ...entry, error: outcome.error }
      await this.storage.update(list => list.map(e => e.key === entry.key ? failed : e))
      result.failed.push(failed)
    }
    result.remaining = (await this.storage.read()).filter(entry => !entry.error).length
    return result
  }
}
