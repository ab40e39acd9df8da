import type { IncomingMessage, ServerResponse } from 'node:http'
import { defineHandler } from 'nitro'
import { createApiError } from '~server/utils/http/errors'
import { serveStream } from '~server/utils/stream-route/serve-stream'

// The stream is answered on Node's request and response ahead of h3 (server/plugins/2.stream-route.ts).
// A request that reaches h3 all the same (a path h3 normalises, such as a trailing slash; the dev server)
// is answered the same way; srvx is handed a body that leaves the answered response alone.
const answered = { pipe: (res: ServerResponse) => res }

export default defineHandler(async (event) => {
  const node = event.runtime?.node
  if (!node?.req || !node.res)
    throw createApiError('not_found')
  // Node serves HTTP/1.1 here: TLS and HTTP/2 end at the proxy (docs/deploy.md).
  await serveStream(node.req as IncomingMessage, node.res as ServerResponse)
  return answered
})
