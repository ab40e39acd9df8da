import type { Server } from 'node:http'
import { definePlugin } from 'nitro'
import { shutDown } from '~server/utils/lifecycle/shut-down'

// SIGTERM: stop accepting, end every stream so clients reconnect to another instance, close the
// database, exit. srvx skips its own handler under CI/TEST, so Pulse owns the sequence.
export default definePlugin((nitroApp) => {
  let server: Server | undefined
  nitroApp.hooks.hook('request', (event) => {
    server ??= (event as { runtime?: { node?: { req?: { socket?: { server?: Server } } } } }).runtime?.node?.req?.socket?.server
  })
  process.once('SIGTERM', () => void shutDown(server))
})
