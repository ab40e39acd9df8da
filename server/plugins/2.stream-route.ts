import { definePlugin } from 'nitro'
import { serveStreamsFirst } from '~server/utils/events/serve-stream'
import { onNodeServer } from '~server/utils/http/node-server'

// The event stream is answered before srvx and h3 see the request (see serveStreamsFirst). The dev
// server keeps its own listener: there the route file serves the stream through h3.
export default definePlugin(() => {
  if (!import.meta.dev)
    onNodeServer(serveStreamsFirst)
})
