import { ChunkJoiner } from './chunk-joiner'

/** A stream with frames waiting to be handed to its socket. */
export interface Flushable {
  flush: (joiner: ChunkJoiner) => void
}

// A flush round hands every dirty stream's frames to its socket as one write: a syscall per stream, so a
// round costs about the same whether it carries one event or ten. When the streams are idle (the last
// round ended at least `gap` ago) the next round runs at once after a commit (flushQuietStreams) or on
// the next turn: a lone event waits for nothing. While they are busy, events coalesce: the next round
// starts `gap` after the last one ended, so the loop keeps time to read requests and commit between
// rounds. `gap` is the last round's own duration, doubled for each busy round in a row up to
// MAX_GAP_MS: under a burst rounds get rarer and larger; a steady trickle that finds the streams idle
// is written at once.
const MAX_GAP_MS = 100
const dirty = new Set<Flushable>()
let flushScheduled = false
let roundEnd = Number.NEGATIVE_INFINITY
let gap = 0
let busyRounds = 0
let nextTurn: NodeJS.Immediate | undefined

function flushAll(): void {
  flushScheduled = false
  nextTurn = undefined
  const start = performance.now()
  const streams = [...dirty]
  dirty.clear()
  const joiner = new ChunkJoiner()
  for (const stream of streams) stream.flush(joiner)
  roundEnd = performance.now()
  gap = Math.min(MAX_GAP_MS, (roundEnd - start) * 2 ** busyRounds)
}

/** Queues a stream for the next flush of every stream of the process. */
export function scheduleFlush(stream: Flushable): void {
  dirty.add(stream)
  if (flushScheduled)
    return
  flushScheduled = true
  const wait = roundEnd + gap - performance.now()
  if (wait <= 0) {
    busyRounds = 0
    nextTurn = setImmediate(flushAll)
  }
  else {
    busyRounds = Math.min(busyRounds + 1, 16)
    setTimeout(flushAll, wait)
  }
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
