import type { AddressInfo, Socket } from 'node:net'
import { connect, createServer } from 'node:net'

export interface StallProxy {
  /** `http://127.0.0.1:<port>`: the server as the browser reaches it, through the proxy. */
  url: string
  /** Stops forwarding in both directions: connections stay open and accepted, no byte goes through. */
  stall: () => void
  /** Forwards again, what was held first. */
  resume: () => void
  close: () => Promise<void>
}

/**
 * A TCP proxy to `target` that can stall: what a broken middlebox or a dead mobile network does to a
 * stream, which never errors and never closes, it only goes quiet.
 */
export async function startStallProxy(target: string): Promise<StallProxy> {
  const { hostname, port } = new URL(target)
  let stalled = false
  const held: Array<{ to: Socket, chunk: Buffer }> = []
  const sockets = new Set<Socket>()

  const forward = (to: Socket) => (chunk: Buffer) => {
    if (stalled)
      held.push({ to, chunk })
    else if (!to.destroyed)
      to.write(chunk)
  }

  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname)
    sockets.add(client).add(upstream)
    client.on('data', forward(upstream))
    upstream.on('data', forward(client))
    const end = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    client.on('close', end).on('error', end)
    upstream.on('close', end).on('error', end)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stall() {
      stalled = true
    },
    resume() {
      stalled = false
      for (const { to, chunk } of held.splice(0)) {
        if (!to.destroyed)
          to.write(chunk)
      }
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise(resolve => server.close(resolve))
    },
  }
}
