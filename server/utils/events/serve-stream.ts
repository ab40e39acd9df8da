import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http'
import type { LastEventId } from './open-stream'
import type { StreamClient } from './stream-client'
import { useKeyStreamSession } from '../api-keys/stream-session'
import { assertAllowed } from '../auth/access/require-permission'
import { resolveTokenAccess } from '../auth/access/resolve-access'
import { readTokenOf } from '../auth/sessions/require-session'
import { isHttpsRequest } from '../http/client-address'
import { logErrorResponse, toErrorBody } from '../http/errors'
import { apiSecurityHeaders } from '../http/security-headers'
import { applyTestNowHeader } from '../time/clock'
import { openMultiStream } from './multi-stream'
import { openStream } from './open-stream'
import { resolveStreamStores } from './stream-stores'

export const STREAM_PATH = '/api/v1/events/stream'
const QUESTION_MARK = 63

// The stream's head: the API's security headers, its own cache policy and the event-stream headers.
// Built once as Node's flat header list, so that a connect allocates no header objects.
function streamHead(https: boolean): string[] {
  const head = apiSecurityHeaders(https).filter(([name]) => name !== 'cache-control').flat()
  head.push('content-type', 'text/event-stream; charset=utf-8', 'cache-control', 'no-cache, no-transform', 'x-accel-buffering', 'no', 'connection', 'keep-alive')
  return head
}
const STREAM_HEAD = streamHead(false)
const STREAM_HEAD_HTTPS = streamHead(true)

/** Whether h3 should be left out of a request: `GET /api/v1/events/stream`, with or without a query. */
export function isStreamRequest(req: IncomingMessage): boolean {
  const url = req.url
  return req.method === 'GET' && url !== undefined && url.startsWith(STREAM_PATH) && (url.length === STREAM_PATH.length || url.charCodeAt(STREAM_PATH.length) === QUESTION_MARK)
}

/**
 * Answers the event stream's requests on `server` before its own listener (srvx, then h3) sees them;
 * every other request goes on to it. A stream is held by thousands of clients that all connect at once
 * after a deploy or a network blip: served on Node's request and response, a connect allocates what the
 * stream needs, not a Fetch request, an h3 event, their header objects and a Response besides.
 */
export function serveStreamsFirst(server: Server): void {
  const listeners = server.listeners('request') as RequestListener[]
  server.removeAllListeners('request')
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (isStreamRequest(req)) {
      void serveStream(req, res)
      return
    }
    for (const listener of listeners) listener.call(server, req, res)
  })
}

/** One query parameter as h3's getQuery gives it: a string, or an array when it repeats. */
function readParameter(query: URLSearchParams | undefined, name: string): string | string[] | undefined {
  const values = query?.getAll(name)
  if (!values || values.length === 0)
    return undefined
  return values.length === 1 ? values[0] : values
}

/**
 * Opens the stream a request asks for, as `events:read` of its principal: its store's (or, with
 * `stores=all` or `stores=id,id`, several stores' — docs/api.md: the cursor), resumed after
 * `Last-Event-ID` or `lastEventId`. Every role that may open the stream may read what it carries: order
 * events, which each of them also sees in the orders list; no analytics-only data travels on it.
 */
async function openRequestedStream(req: IncomingMessage): Promise<StreamClient> {
  const { headers } = req
  applyTestNowHeader(headers['x-pulse-test-now'] as string | undefined)
  const access = await resolveTokenAccess(readTokenOf(headers.authorization, headers.cookie), headers.authorization !== undefined)
  assertAllowed(access, 'events:read')
  const { principal, db, storeId } = access
  const session = principal.type === 'api_key' ? await useKeyStreamSession(db, principal.id, storeId) : principal.session
  const at = req.url!.indexOf('?')
  const query = at < 0 ? undefined : new URLSearchParams(req.url!.slice(at + 1))
  const lastEventId: LastEventId = headers['last-event-id'] ?? readParameter(query, 'lastEventId')
  const stores = readParameter(query, 'stores')
  return typeof stores === 'string' && stores !== ''
    ? openMultiStream(lastEventId, { session, person: principal.type === 'user', all: stores === 'all' }, await resolveStreamStores(access, stores))
    : openStream(lastEventId, session)
}

/** The API's error response: `{error, message}` with the code's status, its headers and the security headers. */
function sendError(req: IncomingMessage, res: ServerResponse, error: unknown, https: boolean): void {
  const { status, body, headers } = toErrorBody(error)
  logErrorResponse(error, status, body, req.method, STREAM_PATH)
  if (res.headersSent || res.destroyed) {
    res.destroy()
    return
  }
  for (const [name, value] of apiSecurityHeaders(https)) res.setHeader(name, value)
  for (const [name, value] of new Headers(headers)) res.setHeader(name, value)
  const json = JSON.stringify(body)
  res.setHeader('content-type', 'application/json; charset=utf-8')
  res.setHeader('content-length', Buffer.byteLength(json))
  res.writeHead(status).end(json)
}

/**
 * Serves `GET /api/v1/events/stream` on Node's request and response: the stream, or the API's error
 * response (401, 403, 404, 429 with `retry-after`, 503 while shutting down…). Resolves once answered.
 */
export async function serveStream(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const https = isHttpsRequest(req)
  let client: StreamClient
  try {
    client = await openRequestedStream(req)
  }
  catch (error) {
    sendError(req, res, error, https)
    return
  }
  // The client left while its stream was opened: the response will never close again to say so.
  if (res.destroyed) {
    client.body.destroy()
    return
  }
  res.writeHead(200, https ? STREAM_HEAD_HTTPS : STREAM_HEAD)
  client.body.pipe(res)
}
