import type { Order } from '~shared/types/api'
import type { OrderDraft, OutboxEntry, OutboxStorage, SendResult } from '../../app/logic/outbox'
import { describe, expect, it, vi } from 'vitest'
import { orderTotalCents, Outbox } from '../../app/logic/outbox'

/** IndexedDB stands in as a Map, shared by "app restarts" (new Outbox instances). */
function memoryStorage(): OutboxStorage & { data: OutboxEntry[] } {
  const storage = {
    data: [] as OutboxEntry[],
    read: async () => structuredClone(storage.data),
    update: async (change: (entries: OutboxEntry[]) => OutboxEntry[]) => {
      storage.data = change(structuredClone(storage.data))
    },
  }
  return storage
}

const draft: OrderDraft = { items: [{ name: 'Latte', sku: 'LAT', quantity: 2, unitPriceCents: 450 }], customerName: 'Ava', note: null }
let keys = 0
const newKey = () => `key-${++keys}`

/** A server that creates an order once per Idempotency-Key, like the real one. */
function fakeServer() {
  const created = new Map<string, Order>()
  const send = vi.fn(async (entry: OutboxEntry): Promise<SendResult> => {
    const order = created.get(entry.key) ?? { id: entry.key, number: created.size + 1 } as Order
    created.set(entry.key, order)
    return { ok: true, order }
  })
  return { created, send }
}

describe('outbox', () => {
  it('totals a draft', () => {
    expect(orderTotalCents(draft)).toBe(900)
  })

  it('keeps orders made offline and sends each once, with its key, when back online', async () => {
    const storage = memoryStorage()
    const outbox = new Outbox(storage, newKey)
    const a = await outbox.enqueue(draft)
    const b = await outbox.enqueue({ ...draft, customerName: 'Noah' })
    expect(await outbox.list()).toHaveLength(2)

    const server = fakeServer()
    const result = await outbox.flush(server.send)
    expect(result.sent.map(s => s.entry.key)).toEqual([a.key, b.key])
    expect(server.send).toHaveBeenCalledTimes(2)
    expect(await outbox.list()).toEqual([])
    // A second flush has nothing to send.
    await outbox.flush(server.send)
    expect(server.send).toHaveBeenCalledTimes(2)
  })

  it('concurrent flushes share one run: no entry is sent twice', async () => {
    const outbox = new Outbox(memoryStorage(), newKey)
    await outbox.enqueue(draft)
    const server = fakeServer()
    await Promise.all([outbox.flush(server.send), outbox.flush(server.send), outbox.flush(server.send)])
    expect(server.send).toHaveBeenCalledTimes(1)
  })

  it('stops on a network failure and keeps the entry (same key) for the next time, even after a restart', async () => {
    const storage = memoryStorage()
    const first = new Outbox(storage, newKey)
    const entry = await first.enqueue(draft)
    const offline = vi.fn(async (): Promise<SendResult> => ({ ok: false, retry: true }))
    const result = await first.flush(offline)
    expect(result.remaining).toBe(1)

    // The app is closed and opened again: a new Outbox over the same storage.
    const second = new Outbox(storage, newKey)
    const server = fakeServer()
    await second.flush(server.send)
    expect(server.send).toHaveBeenCalledWith(expect.objectContaining({ key: entry.key }))
    expect(server.created.size).toBe(1)
  })

  it('an answer lost after the server created the order: the retry reuses the key, so still one order', async () => {
    const storage = memoryStorage()
    const outbox = new Outbox(storage, newKey)
    await outbox.enqueue(draft)
    const server = fakeServer()
    const lostAnswer = vi.fn(async (entry: OutboxEntry): Promise<SendResult> => {
      await server.send(entry)
      return { ok: false, retry: true }
    })
    await outbox.flush(lostAnswer)
    await outbox.flush(server.send)
    expect(server.created.size).toBe(1)
    expect(await outbox.list()).toEqual([])
  })

  it('marks an order the server refuses as failed, keeps it for the person, and sends the rest', async () => {
    const outbox = new Outbox(memoryStorage(), newKey)
    const bad = await outbox.enqueue({ ...draft, items: [] })
    await outbox.enqueue(draft)
    const server = fakeServer()
    const send = vi.fn(async (entry: OutboxEntry): Promise<SendResult> => entry.key === bad.key ? { ok: false, retry: false, error: 'needs at least one item' } : server.send(entry))
    const result = await outbox.flush(send)
    expect(result.failed.map(f => f.key)).toEqual([bad.key])
    expect(result.sent).toHaveLength(1)
    const left = await outbox.list()
    expect(left).toEqual([expect.objectContaining({ key: bad.key, error: 'needs at least one item' })])
    // Failed entries are not retried by themselves.
    await outbox.flush(send)
    expect(send).toHaveBeenCalledTimes(2)
    await outbox.discard(bad.key)
    expect(await outbox.list()).toEqual([])
  })
})
