import { definePlugin } from 'nitro'
import { useConfig } from '~server/utils/config'
import { onNodeServer } from '~server/utils/http/node-server'

// Node allows 60 s for a request's headers and 300 s for the whole request: a client trickling a body
// holds its connection that long. Nitro creates the server without a way to pass options, so the limits
// are set on it from its first connection (Node reads them at every periodic check, for every connection).
export default definePlugin(() => {
  onNodeServer((server) => {
    const { requestTimeoutMs } = useConfig()
    if (requestTimeoutMs === 0)
      return
    server.requestTimeout = requestTimeoutMs
    server.headersTimeout = Math.min(server.headersTimeout, requestTimeoutMs)
  })
})
