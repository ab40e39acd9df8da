import { ChunkJoiner } from './chunk-joiner'

/** A stream with frames waiting to be handed to its socket. */
export interface Flushable {
  flush: (joiner: ChunkJoiner) => void
}

// Frames written to a stream in one turn of the event loop, or under load within FLUSH_INTERVAL_MS,
// reach its socket as one chunk: one write (one syscall) per client per flush instead of one per event.
// An event after a quiet spell is flushed on the next turn (setImmediate), or at once when the hub has
// published a commit (flushQuietStreams), so it is not delayed. Under load the interval trades at most
// 100 ms of latency for fewer, larger writes: fewer syscalls, and the receiver too wakes up once per chunk.
const FLUSH_INTERVAL_MS = 100
const dirty = new Set<Flushable>()
let flushScheduled = false
let lastFlush = Number.NEGATIVE_INFINITY
let nextTurn: NodeJS.Immediate | undefined

function flushAll(): void {
  flushScheduled = false
  nextTurn = undefined
  lastFlush = performance.now()
  const streams = [...dirty]
  dirty.clear()
  const joiner = new ChunkJoiner()
  for (const stream of streams) stream.flush(joiner)
}

/** Queues a stream for the next flush of every stream of the process. */
export function scheduleFlush(stream: Flushable): void {
  dirty.add(stream)
  if (flushScheduled)
    return
  flushScheduled = true
  const wait = lastFlush + FLUSH_INTERVAL_MS - performance.now()
  if (wait <= 0)
    nextTurn = setImmediate(flushAll)
  else
    setTimeout(flushAll, wait)
}

/**
 * Writes at once what waits for the next turn after a quiet spell: called when a commit has been
 * published, so that its events are on their way to the streams before the writer's own response (as a
 * plain broadcaster would). Under load the flush interval stands.
 */
export function flushQuietStreams(): void {
  if (!nextTurn)
    return
  clearImmediate(nextTurn)
  flushAll()
}
