import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { streamMetrics } from './metrics'

export type CloseReason = 'client' | 'slow' | 'signed_out' | 'shutdown'

/**
 * One open event stream. Frames go into a Readable that srvx pipes to the socket with backpressure;
 * the bytes it holds are this client's outgoing buffer, and a client that lets it grow past the bound
 * is dropped instead of slowing anyone else.
 */
export class StreamClient {
  readonly id = randomUUID()
  readonly openedAt = Date.now()
  readonly body: Readable
  /** The highest seq this client has been sent (or has said it has). */
  cursor = 0
  /** While replaying from the log, live frames wait here so the seam has no gap and no duplicate. */
  backlog: Array<{ seq: number, frame: Buffer }> | null = []
  closed = false
  closeReason: CloseReason = 'client'
  private wantsMore: (() => void) | undefined
  private backlogBytes = 0

  constructor(readonly storeId: string, readonly sessionId: string, private readonly maxBuffer: number, onClose: (client: StreamClient) => void) {
    this.body = new Readable({
      // `read` then fires exactly when the queue falls below what `drained()` waits for.
      highWaterMark: Math.max(1, Math.floor(maxBuffer / 4)),
      read: () => {
        const resume = this.wantsMore
        this.wantsMore = undefined
        resume?.()
      },
    })
    this.body.once('close', () => {
      this.closed = true
      onClose(this)
    })
  }

  /** Queues a frame; false when the client was dropped (closed, or its buffer is past the bound). */
  write(frame: Buffer): boolean {
    if (this.closed)
      return false
    if (this.body.readableLength + frame.length > this.maxBuffer) {
      streamMetrics.droppedSlow++
      this.close('slow')
      return false
    }
    this.body.push(frame)
    return true
  }

  /** A live event: sent now, or held until the replay is done; never twice. */
  deliver(seq: number, frame: Buffer): boolean {
    if (this.closed || seq <= this.cursor)
      return false
    if (this.backlog) {
      // Held frames count toward the bound: a client stuck in its replay must not grow memory without limit.
      if (this.body.readableLength + this.backlogBytes + frame.length > this.maxBuffer) {
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
    if (this.closed || this.body.readableLength < this.maxBuffer / 4)
      return
    await new Promise<void>((resolve) => {
      const done = () => {
        this.body.off('close', done)
        resolve()
      }
      this.wantsMore = done
      this.body.once('close', done)
    })
  }

  close(reason: CloseReason): void {
    if (this.closed)
      return
    this.closeReason = reason
    this.closed = true
    // A slow client is cut at once; others get what is queued, then the end of the stream.
    if (reason === 'slow')
      this.body.destroy()
    else
      this.body.push(null)
  }
}
