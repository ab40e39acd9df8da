import type { Server } from 'node:http'
import type { Socket } from 'node:net'
import { subscribe } from 'node:diagnostics_channel'

type ServerWatcher = (server: Server) => void

const watchers: ServerWatcher[] = []
const seen = new WeakSet<object>()
let subscribed = false

/**
 * Calls `watcher` with the Node HTTP server (Nitro creates it after the plugins run, and gives them no
 * way to reach it) on its first connection, before that connection's first request is read: Node's
 * `net.server.socket` channel publishes an accepted socket, which knows its server, ahead of any data.
 */
export function onNodeServer(watcher: ServerWatcher): void {
  watchers.push(watcher)
  if (subscribed)
    return
  subscribed = true
  subscribe('net.server.socket', (message) => {
    const server = (message as { socket: Socket & { server?: Server } }).socket.server
    if (!server || seen.has(server) || server.listenerCount('request') === 0)
      return
    seen.add(server)
    for (const watch of watchers) watch(server)
  })
}
