import type { IncomingMessage } from 'node:http'
import type { Duplex, Writable } from 'node:stream'
import type { ChunkJoiner } from './chunk-joiner'
import { ServerResponse } from 'node:http'
import { newConnectionId } from './connection-id'
import { scheduleFlush } from './flush-scheduler'
import { streamMetrics } from './metrics'
import { directSocket, flattenHead, frameChunk } from './socket-writes'

export type CloseReason = 'client' | 'slow' | 'signed_out' | 'shutdown'

/** Bytes a response holds beyond what its socket buffers itself (its high-water mark). */
function unsentBytes(res: Writable): number {
  return Math.max(0, res.writableLength - res.writableHighWaterMark)
}

/**
 * The request's headers (a bearer token or cookies, a user agent: hundreds of bytes to kilobytes) stay
 * referenced by the connection's parser for as long as the stream is open, and nothing reads them once
 * it is: let them go.
 */
function releaseRequestHeaders(res: Writable): void {
  const req = (res as Writable & { req?: IncomingMessage }).req
  if (req) {
    req.rawHeaders = []
    req.headers = {}
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
 *
 * Thousands stay open per instance, so a client holds only what a stream needs once open: its ids,
 * cursor, response and queued frames; it is its own response body (`pipe`, `destroy` on the prototype),
 * and nothing of the request.
 */
export class StreamClient implements ResponseSink {
  readonly id = newConnectionId()
  readonly openedAt = Date.now()
  /** The highest seq this client has been sent (or has said it has). */
  private cursor = 0
  /** While replaying from the log, live frames wait here so the seam has no gap and no duplicate. */
  private backlog: Array<{ seq: number, frame: Buffer }> | null = []
  private isClosed = false
  private reason: CloseReason = 'client'
  private res: Writable | undefined
  private pending: Buffer[] = []
  private pendingBytes = 0
  /** Bytes the socket could not take at the last flush (it only drains between flushes). */
  private unsentBytes = 0
  private flushQueued = false
  private backlogBytes = 0
  /** The highest live seq whose held frame was let go (the backlog passed the bound): the replay reads up to it from the log. */
  private replayTarget = 0
  private notified = false
  /** The response has written once itself: its head is on the socket, which may now take frames straight. */
  private headWritten = false

  /** `principalId`: the person, device or API key the session belongs to (for the per-principal stream cap). */
  constructor(readonly storeId: string, readonly sessionId: string, private readonly maxBuffer: number, private readonly onClose: (client: StreamClient) => void, readonly principalId = sessionId) {}

  /** The response body to return from the route. */
  get body(): ResponseSink {
    return this
  }

  pipe(res: Writable): Writable {
    this.attach(res)
    return res
  }

  destroy(): void {
    this.close('client')
    this.notifyClosed()
  }

  get closed(): boolean {
    return this.isClosed
  }

  /** Whether the stream ends when its session moves to another store (a stream over several stores does not). */
  get followsSession(): boolean {
    return true
  }

  get closeReason(): CloseReason {
    return this.reason
  }

  private attach(res: Writable): void {
    this.res = res
    releaseRequestHeaders(res)
    res.on('close', () => {
      this.isClosed = true
      this.notifyClosed()
    })
    if (this.isClosed) {
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
    // Before the response is attached there is nothing to flush to: attaching flushes.
    else if (!this.flushQueued && this.res) {
      this.flushQueued = true
      scheduleFlush(this)
    }
    return true
  }

  /** Hands the frames written since the last flush to the socket, as one write; `joiner` is the flush round's. */
  flush(joiner?: ChunkJoiner): void {
    this.flushQueued = false
    const res = this.res
    const pending = this.pending
    if (!res || pending.length === 0 || res.destroyed)
      return
    const chunk = joiner ? joiner.join(pending, this.pendingBytes) : pending.length === 1 ? pending[0] : Buffer.concat(pending, this.pendingBytes)
    pending.length = 0
    this.pendingBytes = 0
    if (!this.headWritten && res instanceof ServerResponse && !res.writableEnded) {
      // The head goes out on its own, as the one string Node built: the first frames then take the
      // socket's path too, rather than a corked write of the head, chunk size, frames and CRLF.
      res.flushHeaders()
      this.headWritten = true
      flattenHead(res)
    }
    const socket = directSocket(res, this.headWritten)
    if (socket) {
      socket.write(joiner ? joiner.frame(chunk) : frameChunk(chunk))
    }
    else {
      res.write(chunk)
      if (!this.headWritten) {
        this.headWritten = true
        flattenHead(res)
      }
    }
    this.unsentBytes = unsentBytes(res)
  }

  /** Live events up to `seq` are already covered (by the `connected` frame's lastSeq): send only later ones. */
  startAfter(seq: number): void {
    this.cursor = seq
  }

  /** A heartbeat keeps an idle connection open; a replay keeps it busy, so none is written meanwhile. */
  beat(frame: Buffer): void {
    if (!this.backlog)
      this.write(frame)
  }

  /** A live event: sent now, or held until the replay is done; never twice. */
  deliver(seq: number, frame: Buffer): boolean {
    if (this.closed || seq <= this.cursor)
      return false
    if (this.backlog) {
      // Held frames count toward the bound, but a client waiting for its replay is not slow: the server
      // made it wait (a reconnect storm queues on the store's replay slots). The log holds these events,
      // so the held frames are let go and the replay reads on up to this seq instead; memory stays bounded
      // and a client stuck in its replay is still dropped by the replay's stall timeout.
      if (this.outgoingBytes + this.pendingBytes + this.backlogBytes + frame.length > this.maxBuffer) {
        this.backlog.length = 0
        this.backlogBytes = 0
        this.replayTarget = seq
        return false
      }
      this.backlog.push({ seq, frame })
      this.backlogBytes += frame.length
      return false
    }
    this.cursor = seq
    return this.write(frame)
  }

  /**
   * Where a replay that was to end at `upTo` must end now: later when held frames were let go (they are
   * then sent from the log, and the live frames from that seq on). Called by the replay until it stops moving.
   */
  extendReplay(upTo: number): number {
    if (this.replayTarget <= upTo)
      return upTo
    this.cursor = Math.max(this.cursor, this.replayTarget)
    return this.replayTarget
  }

  /** Ends the replay: sends what arrived live meanwhile, in order, after the cursor. */
  finishReplay(): void {
    const backlog = this.backlog
    this.backlog = null
    if (!backlog || backlog.length === 0)
      return
    backlog.sort((a, b) => a.seq - b.seq)
    for (const { seq, frame } of backlog) this.deliver(seq, frame)
  }

  /**
   * Resolves once the socket has taken most of what is queued (used while replaying long histories):
   * true, or false when it has not within `timeoutMs` (a client that stopped reading).
   */
  async drained(timeoutMs = Infinity): Promise<boolean> {
    const res = this.res
    if (this.closed || !res)
      return true
    if (unsentBytes(res) >= this.maxBuffer / 4) {
      // Frames written straight to the socket make the socket, not the response, announce the drain.
      const drains = directSocket(res, this.headWritten) ?? res
      const drainedInTime = await new Promise<boolean>((resolve) => {
        let timer: NodeJS.Timeout | undefined
        function done(inTime: unknown = true) {
          clearTimeout(timer)
          drains.off('drain', done)
          res!.off('close', done)
          resolve(inTime === true)
        }
        if (Number.isFinite(timeoutMs))
          timer = setTimeout(done, timeoutMs, false)
        drains.once('drain', done)
        res.once('close', done)
      })
      if (!drainedInTime)
        return false
    }
    // The bound check in write() reads the backlog remembered at the last flush: after a drain it is stale,
    // and a replay frame larger than the room it seems to leave would drop a client that reads.
    this.unsentBytes = unsentBytes(res)
    return true
  }

  private end(): void {
    if (!this.res)
      return
    if (this.reason === 'slow') {
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
    if (this.isClosed)
      return
    this.reason = reason
    this.isClosed = true
    // A slow client is cut at once; others get what is queued, then the end of the stream.
    if (this.res)
      this.end()
    else
      this.notifyClosed()
  }
}
