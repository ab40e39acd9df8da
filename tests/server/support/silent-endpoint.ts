import type { Server, Socket } from 'node:net'
import { createServer } from 'node:net'

/**
 * A push service that accepts TCP connections and never answers a byte (a hung or hostile service).
 * It counts the connections it accepted and those the client gave up on.
 */
export class SilentEndpoint {
  accepted = 0
  closed = 0
  private readonly sockets = new Set<Socket>()
  private constructor(private readonly server: Server, readonly origin: string) {}

  static async start(): Promise<SilentEndpoint> {
    const server = createServer()
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    const endpoint = new SilentEndpoint(server, `http://127.0.0.1:${port}`)
    server.on('connection', (socket) => {
      endpoint.accepted++
      endpoint.sockets.add(socket)
      socket.on('error', () => {})
      // Reads (and ignores) the request, so that it sees the client close the connection.
      socket.resume()
      socket.on('close', () => {
        endpoint.closed++
        endpoint.sockets.delete(socket)
      })
    })
    return endpoint
  }

  /** Connections still open (accepted, not closed by the client). */
  get open(): number {
    return this.sockets.size
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise(resolve => this.server.close(resolve))
  }
}
