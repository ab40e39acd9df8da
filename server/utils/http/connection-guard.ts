import type { Socket } from 'node:net'
import { subscribe } from 'node:diagnostics_channel'
import { API_ERRORS } from '~shared/errors'
import { useConfig } from '../config'

const open = new Map<string, number>()
let guarding = false

function refuse(socket: Socket): void {
  const body = JSON.stringify({ error: 'too_many_connections', message: API_ERRORS.too_many_connections.message })
  socket.on('error', () => {})
  socket.end(`HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\ncache-control: no-store\r\n\r\n${body}`, () => socket.destroy())
}

function count(socket: Socket, address: string): void {
  open.set(address, (open.get(address) ?? 0) + 1)
  socket.once('close', () => {
    const left = (open.get(address) ?? 1) - 1
    if (left === 0)
      open.delete(address)
    else
      open.set(address, left)
  })
}

// Connections waiting for their first byte, in buckets by when they came: one timer looks at them every
// quarter of the timeout, instead of a timer and a close listener per connection (a connect storm opens
// thousands). It lets go of those that sent a byte or closed, and closes the silent ones of a bucket once
// it is old enough.
let waiting: Array<{ since: number, sockets: Socket[] }> = []
let sweeper: NodeJS.Timeout | undefined
let timeoutMs = 0

function dropSilent(): void {
  // A bucket collects for a quarter of the timeout: past this, its newest connection is past the timeout too.
  const before = Date.now() - timeoutMs * 1.25
  for (const bucket of waiting) {
    const expired = bucket.since <= before
    bucket.sockets = bucket.sockets.filter((socket) => {
      if (socket.bytesRead > 0 || socket.destroyed)
        return false
      if (expired)
        socket.destroy()
      return !expired
    })
  }
  waiting = waiting.filter(bucket => bucket.sockets.length > 0)
  if (waiting.length === 0) {
    clearInterval(sweeper)
    sweeper = undefined
  }
}

function watchFirstByte(socket: Socket, firstByteTimeoutMs: number): void {
  const now = Date.now()
  let bucket = waiting.at(-1)
  if (!bucket || firstByteTimeoutMs !== timeoutMs || now - bucket.since >= timeoutMs / 4) {
    timeoutMs = firstByteTimeoutMs
    waiting.push(bucket = { since: now, sockets: [] })
  }
  bucket.sockets.push(socket)
  if (!sweeper) {
    sweeper = setInterval(dropSilent, Math.max(1, Math.round(timeoutMs / 4)))
    sweeper.unref()
  }
}

/**
 * Watches every connection the server accepts, from its first moment (Node's `net.server.socket`
 * channel, before the HTTP server sees it):
 * - a connection that sends no byte within `PULSE_FIRST_BYTE_TIMEOUT_MS` (at most a half of it later)
 *   is closed. Node's own header timeout starts with the first byte, so without this a silent
 *   connection is kept for ever (and enough of them use up the descriptors); once a byte came,
 *   `headersTimeout`/`requestTimeout` and the keep-alive timeout take over;
 * - at most `PULSE_MAX_CONNECTIONS_PER_ADDRESS` are open per peer address; the next one is answered
 *   `503 too_many_connections` and closed, and other addresses are still served.
 */
export function guardConnections(): void {
  if (guarding)
    return
  guarding = true
  subscribe('net.server.socket', (message) => {
    const { socket } = message as { socket: Socket }
    const { firstByteTimeoutMs, maxConnectionsPerAddress } = useConfig()
    if (maxConnectionsPerAddress > 0) {
      const address = socket.remoteAddress ?? 'unknown'
      if ((open.get(address) ?? 0) >= maxConnectionsPerAddress)
        return refuse(socket)
      count(socket, address)
    }
    if (firstByteTimeoutMs > 0)
      watchFirstByte(socket, firstByteTimeoutMs)
  })
}
