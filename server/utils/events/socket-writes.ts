import type { Socket } from 'node:net'
import type { Writable } from 'node:stream'
import { ServerResponse } from 'node:http'

const CRLF = Buffer.from('\r\n')

/**
 * One HTTP/1.1 chunk of `data`: its length in hex, the bytes, CRLF. The streams of a store share their
 * frames, so a flush frames each distinct chunk once (ChunkJoiner) and every socket takes the same Buffer.
 */
export function frameChunk(data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, CRLF])
}

/**
 * The socket a stream's frames may be written to straight, already framed as a chunk, or null when they
 * must go through the response. `ServerResponse.write` of a chunked body corks the socket, queues the
 * chunk's size line, the data and CRLF as three writes and uncorks on the next tick: a writev per client
 * per flush, most of the cost of a flush round at thousands of streams. One `socket.write` of a shared
 * Buffer is the same bytes on the wire.
 *
 * Only once the response has written through its own path (its head is on the socket), while it is the
 * socket's current message, chunked, not ended, and holding nothing of its own that has not reached the
 * socket: then bytes written to the socket follow whatever the response wrote, in order.
 */
export function directSocket(res: Writable, headWritten: boolean): Socket | null {
  if (!headWritten || !(res instanceof ServerResponse))
    return null
  const socket = res.socket
  if (!socket || socket.destroyed || res.writableEnded || !res.chunkedEncoding)
    return null
  if ((socket as Socket & { _httpMessage?: unknown })._httpMessage !== res)
    return null
  // writableLength is what the response holds itself plus what its socket holds.
  if (res.writableLength !== socket.writableLength)
    return null
  return socket
}

/**
 * Node keeps a response's head for as long as the response lives, as the string it was built into: a
 * rope of some forty pieces with Pulse's headers, about a kilobyte per open stream. Reading a character
 * makes V8 flatten a rope in place: one flat string of the same text stays and the pieces are freed.
 */
export function flattenHead(res: Writable): void {
  const head = (res as Writable & { _header?: unknown })._header
  if (typeof head === 'string' && head.length > 0)
    head.charCodeAt(0)
}
