import { definePlugin } from 'nitro'
import { onNodeServer } from '~server/utils/http/node-server'
import { serveStreamsFirst } from '~server/utils/stream-route/serve-stream'

// The event stream is answered before srvx and h3 see the request (see serveStreamsFirst). The dev
// server keeps its own listener: there the route file serves the stream through h3.
export default definePlugin(() => {
  if (!import.meta.dev)
    onNodeServer(serveStreamsFirst)
})
