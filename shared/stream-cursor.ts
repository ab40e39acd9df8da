/**
 * The SSE `id` of a stream over several stores: every store's position in one string, so that a
 * reconnect with `Last-Event-ID` resumes each store from its own seq. `m2` then, per store in key order,
 * `.` + the store's key (the first 36 bits of its id in 6 base64url characters) + the seq sent last in
 * base 36 (`m2.H_OglwC3.iwrkRB11`). Every live event of such a stream carries it, and each `batch` of
 * a replay: 50 stores make about 500 bytes (`m1`, with 8 hex digits and decimal seqs, made about 700 and
 * is still read). A key two stores share is read as neither, so both start afresh
 * (`reset`) rather than resume from the other's seq.
 */
const PREFIX = 'm2'
const LEGACY_PREFIX = 'm1'
const MAX_LENGTH = 16_384
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** The store's key in the cursor: the first 9 hex digits of its id (36 bits) as 6 base64url characters. */
export function storeKey(storeId: string): string {
  let bits = Number.parseInt(storeId.replaceAll('-', '').slice(0, 9), 16) || 0
  let key = ''
  for (let i = 0; i < 6; i++) {
    key = BASE64URL[bits % 64] + key
    bits = Math.floor(bits / 64)
  }
  return key
}

/** The key an `m1` cursor gave the store: the first 8 hex digits of its id. */
function legacyKey(storeId: string): string {
  return storeId.replaceAll('-', '').slice(0, 8).toLowerCase()
}

/** A seq as the cursor writes it. */
function cursorSeq(seq: number): string {
  return seq.toString(36)
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

/** One store's part of the cursor. */
function entryOf(storeId: string, seq: number): string {
  return `.${keyOf(storeId)}${cursorSeq(seq)}`
}

// Encoded for every frame a stream over several stores sends: the order of its stores is sorted once
// per set of stores, not per frame.
export function encodeCursor(positions: ReadonlyMap<string, number>): string {
  let cursor = PREFIX
  for (const storeId of orderOf(positions)) cursor += entryOf(storeId, positions.get(storeId)!)
  return cursor
}

/** Whether a `Last-Event-ID` is a cursor of this format or of `m1` (a plain number is a single store's seq). */
export function isCursor(raw: string): boolean {
  return raw === PREFIX || raw.startsWith(`${PREFIX}.`) || raw === LEGACY_PREFIX || raw.startsWith(`${LEGACY_PREFIX}_`)
}

/** Each entry's key and seq; undefined when one is malformed. */
function readEntries(raw: string): { entries: Array<[key: string, seq: number]>, key: (storeId: string) => string } | undefined {
  const legacy = raw.startsWith(LEGACY_PREFIX)
  const pattern = legacy ? /^([0-9a-f]{8})\.(\d{1,15})$/ : /^([\w-]{6})([0-9a-z]{1,10})$/
  const entries: Array<[string, number]> = []
  for (const entry of raw.split(legacy ? '_' : '.').slice(1)) {
    const match = pattern.exec(entry)
    const seq = match && Number.parseInt(match[2], legacy ? 10 : 36)
    if (!match || !Number.isSafeInteger(seq))
      return undefined
    entries.push([match[1], seq!])
  }
  return { entries, key: legacy ? legacyKey : storeKey }
}

/**
 * The seq of each of `storeIds` that the cursor names; undefined for a malformed cursor. Stores it does
 * not name (or names ambiguously) are absent from the result.
 */
export function decodeCursor(raw: string, storeIds: readonly string[]): Map<string, number> | undefined {
  if (raw.length > MAX_LENGTH || !isCursor(raw))
    return undefined
  const read = readEntries(raw)
  if (!read)
    return undefined
  const seqs = new Map<string, number>()
  const repeated = new Set<string>()
  for (const [key, seq] of read.entries) {
    if (seqs.has(key))
      repeated.add(key)
    seqs.set(key, seq)
  }
  const keys = new Map<string, number>()
  for (const storeId of storeIds) keys.set(read.key(storeId), (keys.get(read.key(storeId)) ?? 0) + 1)
  const result = new Map<string, number>()
  for (const storeId of storeIds) {
    const key = read.key(storeId)
    const seq = seqs.get(key)
    if (seq !== undefined && keys.get(key) === 1 && !repeated.has(key))
      result.set(storeId, seq)
  }
  return result
}
