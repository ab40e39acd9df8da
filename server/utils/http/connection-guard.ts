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

/**
 * Watches every connection the server accepts, from its first moment (Node's `net.server.socket`
 * channel, before the HTTP server sees it):
 * - a connection that sends no byte within `PULSE_FIRST_BYTE_TIMEOUT_MS` is closed. Node's own header
 *   timeout starts with the first byte, so without this a silent connection is kept for ever (and
 *   enough of them use up the descriptors); once a byte came, `headersTimeout`/`requestTimeout` and
 *   the keep-alive timeout take over;
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
    const address = socket.remoteAddress ?? 'unknown'
    if (maxConnectionsPerAddress > 0 && (open.get(address) ?? 0) >= maxConnectionsPerAddress)
      return refuse(socket)
    count(socket, address)
    if (firstByteTimeoutMs > 0) {
      const timer = setTimeout(() => {
        if (socket.bytesRead === 0)
          socket.destroy()
      }, firstByteTimeoutMs)
      timer.unref()
      socket.once('close', () => clearTimeout(timer))
    }
  })
}
