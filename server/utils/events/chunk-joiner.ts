import { frameChunk } from './socket-writes'

/**
 * The clients of a store hold the same frames (the same Buffers) since the last flush: join them once
 * per flush, not once per client, and frame each joined chunk for the wire once too.
 */
export class ChunkJoiner {
  private readonly joined = new Map<Buffer, { last: Buffer, count: number, chunk: Buffer }>()
  private readonly framed = new Map<Buffer, Buffer>()

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

  /** `chunk` as one HTTP/1.1 chunk, made once per round for all the sockets that take it. */
  frame(chunk: Buffer): Buffer {
    let framed = this.framed.get(chunk)
    if (!framed) {
      framed = frameChunk(chunk)
      this.framed.set(chunk, framed)
    }
    return framed
  }
}
