import type { Server } from 'node:http'
import { definePlugin } from 'nitro'
import { useConfig } from '~server/utils/config'

// Node allows 60 s for a request's headers and 300 s for the whole request: a client trickling a body
// holds its connection that long. Nitro creates the server without a way to pass options, so the limits
// are set on it from its first request (Node reads them at every periodic check, for every connection).
export default definePlugin((nitroApp) => {
  let server: Server | undefined
  nitroApp.hooks.hook('request', (event) => {
    if (server)
      return
    server = (event as { runtime?: { node?: { req?: { socket?: { server?: Server } } } } }).runtime?.node?.req?.socket?.server
    const { requestTimeoutMs } = useConfig()
    if (!server || requestTimeoutMs === 0)
      return
    server.requestTimeout = requestTimeoutMs
    server.headersTimeout = Math.min(server.headersTimeout, requestTimeoutMs)
  })
})
