import type { Server } from 'node:http'
import { definePlugin } from 'nitro'
import { onNodeServer } from '~server/utils/http/node-server'
import { shutDown } from '~server/utils/lifecycle/shut-down'

// SIGTERM: stop accepting, end every stream so clients reconnect to another instance, close the
// database, exit. srvx skips its own handler under CI/TEST, so Pulse owns the sequence.
export default definePlugin(() => {
  let server: Server | undefined
  onNodeServer((found) => {
    server ??= found
  })
  process.once('SIGTERM', () => void shutDown(server))
})
