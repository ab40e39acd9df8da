/**
 * The SSE `id` of a stream over several stores: every store's position in one string, so that a
 * reconnect with `Last-Event-ID` resumes each store from its own seq. `m1` then, per store in id order,
 * `_` + the first 8 hex digits of its id + `.` + the seq sent last (`m1_1f3a09c2.120_8b0e44d1.37`).
 * Short keys keep the id of every event small (50 stores: about 700 bytes); a key two stores share is
 * read as neither, so both start afresh (`reset`) rather than resume from the other's seq.
 */
const PREFIX = 'm1'
const KEY_LENGTH = 8
const MAX_LENGTH = 16_384

export function storeKey(storeId: string): string {
  return storeId.replaceAll('-', '').slice(0, KEY_LENGTH).toLowerCase()
}

const keys = new Map<string, string>()
const MAX_KEYS = 100_000

function keyOf(storeId: string): string {
  let key = keys.get(storeId)
  if (key === undefined) {
    if (keys.size >= MAX_KEYS)
      keys.clear()
    key = storeKey(storeId)
    keys.set(storeId, key)
  }
  return key
}

/** Each positions map's stores in key order, kept while its set of stores stays the same. */
const orders = new WeakMap<ReadonlyMap<string, number>, string[]>()

function orderOf(positions: ReadonlyMap<string, number>): string[] {
  const order = orders.get(positions)
  if (order && order.length === positions.size && order.every(storeId => positions.has(storeId)))
    return order
  const sorted = [...positions.keys()].sort((a, b) => keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0)
  orders.set(positions, sorted)
  return sorted
}

// Encoded for every event a stream over several stores sends (50 stores, a replay of 1,000 events): the
// order of its stores is sorted once per set of stores, not per event (a localeCompare sort of 50 ids an
// event was most of such a replay's time). Keys have one length: key order is id order for lowercase
// UUIDs; decoding does not depend on it.
export function encodeCursor(positions: ReadonlyMap<string, number>): string {
  let cursor = PREFIX
  for (const storeId of orderOf(positions)) cursor += `_${keyOf(storeId)}.${positions.get(storeId)}`
  return cursor
}

/**
 * The cursor around one of its stores: `before + seq + after` is encodeCursor's string once that store
 * is at `seq`. A replay of one store builds each of its events' ids from these two instead of encoding
 * every store again per event.
 */
export function cursorAround(positions: ReadonlyMap<string, number>, storeId: string): [before: string, after: string] {
  let before = PREFIX
  let after = ''
  let found = false
  for (const id of orderOf(positions)) {
    if (id === storeId) {
      before += `_${keyOf(id)}.`
      found = true
    }
    else if (found) {
      after += `_${keyOf(id)}.${positions.get(id)}`
    }
    else {
      before += `_${keyOf(id)}.${positions.get(id)}`
    }
  }
  return [before, after]
}

/** Whether a `Last-Event-ID` is a cursor of this format (a plain number is a single store's seq). */
export function isCursor(raw: string): boolean {
  return raw.startsWith(`${PREFIX}_`) || raw === PREFIX
}

/**
 * The seq of each of `storeIds` that the cursor names; undefined for a malformed cursor. Stores it does
 * not name (or names ambiguously) are absent from the result.
 */
export function decodeCursor(raw: string, storeIds: readonly string[]): Map<string, number> | undefined {
  if (raw.length > MAX_LENGTH || !isCursor(raw))
    return undefined
  const seqs = new Map<string, number>()
  const repeated = new Set<string>()
  for (const entry of raw.split('_').slice(1)) {
    const match = /^([0-9a-f]{8})\.(\d{1,15})$/.exec(entry)
    if (!match)
      return undefined
    if (seqs.has(match[1]))
      repeated.add(match[1])
    seqs.set(match[1], Number(match[2]))
  }
  const keys = new Map<string, number>()
  for (const storeId of storeIds) keys.set(storeKey(storeId), (keys.get(storeKey(storeId)) ?? 0) + 1)
  const result = new Map<string, number>()
  for (const storeId of storeIds) {
    const key = storeKey(storeId)
    const seq = seqs.get(key)
    if (seq !== undefined && keys.get(key) === 1 && !repeated.has(key))
      result.set(storeId, seq)
  }
  return result
}
