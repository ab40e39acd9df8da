import type { Duplex, Writable } from 'node:stream'
import { randomUUID } from 'node:crypto'
import { streamMetrics } from './metrics'

export type CloseReason = 'client' | 'slow' | 'signed_out' | 'shutdown'

// Frames written to a stream in one turn of the event loop, or under load within FLUSH_INTERVAL_MS,
// reach its socket as one chunk: one write (one syscall) per client per flush instead of one per event.
// An event after a quiet spell is flushed on the next turn (setImmediate), or at once when its commit
// says so (flushQuietStreams), so it is not delayed. Under load the interval trades at most 100 ms of
// latency for fewer, larger writes: fewer syscalls, and the receiver too wakes up once per chunk.
const FLUSH_INTERVAL_MS = 100
const dirty = new Set<StreamClient>()
let flushScheduled = false
let lastFlush = Number.NEGATIVE_INFINITY

/**
 * The clients of a store hold the same frames (the same Buffers) since the last flush: join them once
 * per flush, not once per client.
 */
class ChunkJoiner {
  private readonly joined = new Map<Buffer, { last: Buffer, count: number, chunk: Buffer }>()

  join(frames: Buffer[], bytes: number): Buffer {
    if (frames.length === 1)
      return frames[0]
    const last = frames[frames.length - 1]
    const known = this.joined.get(frames[0])
    if (known && known.last === last && known.count === frames.length && known.chunk.length === bytes)
      return known.chunk
    const chunk = Buffer.concat(frames, bytes)
    this.joined.set(frames[0], { last, count: frames.length, chunk })
    return chunk
  }
}

let nextTurn: NodeJS.Immediate | undefined

/** Bytes a response holds beyond what its socket buffers itself (its high-water mark). */
function unsentBytes(res: Writable): number {
  return Math.max(0, res.writableLength - res.writableHighWaterMark)
}

function flushAll(): void {
  flushScheduled = false
  nextTurn = undefined
  lastFlush = performance.now()
  const clients = [...dirty]
  dirty.clear()
  const joiner = new ChunkJoiner()
  for (const client of clients) client.flush(joiner)
}

function scheduleFlush(client: StreamClient): void {
  dirty.add(client)
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
 * Writes at once what waits for the next turn after a quiet spell: called when a commit has published
 * its events, so that they are on their way to the streams before the writer's own response (as a plain
 * broadcaster would). Under load the flush interval stands.
 */
export function flushQuietStreams(): void {
  if (nextTurn) {
    clearImmediate(nextTurn)
    flushAll()
  }
}

/**
 * What srvx pipes to the response: it hands over the Node response (any Writable in tests), which the
 * client then writes to. `destroy()` ends a stream whose body is never sent.
 */
export interface ResponseSink { pipe: (res: Writable) => Writable, destroy: () => void }

/**
 * One open event stream. Frames are written straight to the Node response (no Readable, no pipeline:
 * srvx calls `body.pipe(res)` and waits for the response to close); `res.writableLength` plus the
 * frames not yet flushed are this client's outgoing buffer, and a client that lets it grow past the
 * bound is dropped instead of slowing anyone else.
 */
export class StreamClient {
  readonly id = randomUUID()
  readonly openedAt = Date.now()
  readonly body: ResponseSink
  /** The highest seq this client has been sent (or has said it has). */
  cursor = 0
  /** While replaying from the log, live frames wait here so the seam has no gap and no duplicate. */
  backlog: Array<{ seq: number, frame: Buffer }> | null = []
  closed = false
  closeReason: CloseReason = 'client'
  private res: Writable | undefined
  private pending: Buffer[] = []
  private pendingBytes = 0
  /** Bytes the socket could not take at the last flush (it only drains between flushes). */
  private unsentBytes = 0
  private flushQueued = false
  private backlogBytes = 0
  private notified = false

  constructor(readonly storeId: string, readonly sessionId: string, private readonly maxBuffer: number, private readonly onClose: (client: StreamClient) => void) {
    this.body = {
      pipe: (res) => {
        this.attach(res)
        return res
      },
      destroy: () => {
        this.close('client')
        this.notifyClosed()
      },
    }
  }

  private attach(res: Writable): void {
    this.res = res
    res.once('close', () => {
      this.closed = true
      this.notifyClosed()
    })
    if (this.closed) {
      this.end()
      return
    }
    this.flush()
  }

  private notifyClosed(): void {
    if (!this.notified) {
      this.notified = true
      this.onClose(this)
    }
  }

  /**
   * Bytes the socket could not take, beyond what it buffers itself (its high-water mark), as of the last
   * flush: what the piped Readable used to count. Frames waiting for the next flush do not count (the
   * kernel may well take them); they are flushed early instead when they reach half the bound.
   */
  private get outgoingBytes(): number {
    return this.res ? this.unsentBytes : this.pendingBytes
  }

  /** Queues a frame; false when the client was dropped (closed, or its buffer is past the bound). */
  write(frame: Buffer): boolean {
    if (this.closed)
      return false
    if (this.outgoingBytes + frame.length > this.maxBuffer) {
      streamMetrics.droppedSlow++
      this.close('slow')
      return false
    }
    this.pending.push(frame)
    this.pendingBytes += frame.length
    if (this.pendingBytes >= this.maxBuffer / 2) {
      this.flush()
    }
    else if (!this.flushQueued) {
      this.flushQueued = true
      scheduleFlush(this)
    }
    return true
  }

  /** Hands the frames written since the last flush to the socket, as one write. */
  flush(joiner = new ChunkJoiner()): void {
    this.flushQueued = false
    const res = this.res
    if (!res || this.pending.length === 0 || res.destroyed)
      return
    const chunk = joiner.join(this.pending, this.pendingBytes)
    this.pending = []
    this.pendingBytes = 0
    res.write(chunk)
    this.unsentBytes = unsentBytes(res)
  }

  /** A live event: sent now, or held until the replay is done; never twice. */
  deliver(seq: number, frame: Buffer): boolean {
    if (this.closed || seq <= this.cursor)
      return false
    if (this.backlog) {
      // Held frames count toward the bound: a client stuck in its replay must not grow memory without limit.
      if (this.outgoingBytes + this.pendingBytes + this.backlogBytes + frame.length > this.maxBuffer) {
        streamMetrics.droppedSlow++
        this.close('slow')
        return false
      }
      this.backlog.push({ seq, frame })
      this.backlogBytes += frame.length
      return false
    }
    this.cursor = seq
    return this.write(frame)
  }

  /** Ends the replay: sends what arrived live meanwhile, in order, after the cursor. */
  finishReplay(): void {
    const backlog = this.backlog ?? []
    this.backlog = null
    backlog.sort((a, b) => a.seq - b.seq)
    for (const { seq, frame } of backlog) this.deliver(seq, frame)
  }

  /** Resolves once the socket has taken most of what is queued (used while replaying long histories). */
  async drained(): Promise<void> {
    const res = this.res
    if (this.closed || !res || unsentBytes(res) < this.maxBuffer / 4)
      return
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done)
        res.off('close', done)
        resolve()
      }
      res.once('drain', done)
      res.once('close', done)
    })
  }

  private end(): void {
    if (!this.res)
      return
    if (this.closeReason === 'slow') {
      // Cut the connection itself: behind a pipelined request that is never read, the response has no
      // socket yet and would wait for one before closing. The stream counts as closed at once.
      const { socket, req } = this.res as Writable & { socket?: Duplex | null, req?: { socket?: Duplex } }
      this.res.destroy()
      ;(socket ?? req?.socket)?.destroy()
      this.notifyClosed()
    }
    else {
      this.flush()
      this.res.end()
    }
  }

  close(reason: CloseReason): void {
    if (this.closed)
      return
    this.closeReason = reason
    this.closed = true
    // A slow client is cut at once; others get what is queued, then the end of the stream.
    if (this.res)
      this.end()
    else
      this.notifyClosed()
  }
}
