import { ChunkJoiner } from './chunk-joiner'
import { afterRound, nextRound } from './flush-pacing'

/** A stream with frames waiting to be handed to its socket. */
export interface Flushable {
  flush: (joiner: ChunkJoiner) => void
}

// A flush round hands every dirty stream's frames to its socket as one write: a syscall per stream, so a
// round costs about the same whether it carries one event or ten. When the streams are idle the next
// round runs at once after a commit (flushQuietStreams) or on the next turn: a lone event waits for
// nothing. While they are busy, events coalesce into rounds that get rarer and larger (flush-pacing.ts),
// so the loop keeps time to read requests and commit between rounds.
const dirty = new Set<Flushable>()
let flushScheduled = false
let pacing = { roundEnd: Number.NEGATIVE_INFINITY, duration: 0, busyRounds: 0, rate: 0 }
// Live events published since the last round, for the pacing's event rate.
let published = 0
let nextTurn: NodeJS.Immediate | undefined

function flushAll(): void {
  flushScheduled = false
  nextTurn = undefined
  const start = performance.now()
  const streams = [...dirty]
  dirty.clear()
  const joiner = new ChunkJoiner()
  for (const stream of streams) stream.flush(joiner)
  pacing = afterRound(pacing, start, performance.now(), published)
  published = 0
}

/** Counts a live event handed to this process's streams (once per event, not per stream). */
export function countPublished(): void {
  published++
}

/** Queues a stream for the next flush of every stream of the process. */
export function scheduleFlush(stream: Flushable): void {
  dirty.add(stream)
  if (flushScheduled)
    return
  flushScheduled = true
  const { delay, busyRounds } = nextRound(pacing, performance.now())
  pacing.busyRounds = busyRounds
  if (delay === 0)
    nextTurn = setImmediate(flushAll)
  else
    setTimeout(flushAll, delay)
}

/**
 * Writes at once what waits for the next turn while the streams are idle: called when a commit has been
 * published, so that its events are on their way to the streams before the writer's own response (as a
 * plain broadcaster would). While they are busy the gap stands.
 */
export function flushQuietStreams(): void {
  if (!nextTurn)
    return
  clearImmediate(nextTurn)
  flushAll()
}
