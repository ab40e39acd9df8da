import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http'
import type { Access } from '../auth/access/principal'
import type { Session } from '../auth/sessions/sessions'
import type { LastEventId } from '../events/open-stream'
import type { StreamClient } from '../events/stream-client'
import { useKeyStreamSession } from '../api-keys/stream-session'
import { assertAllowed } from '../auth/access/require-permission'
import { resolveTokenAccess } from '../auth/access/resolve-access'
import { readTokenOf } from '../auth/sessions/require-session'
import { openMultiStream } from '../events/multi-stream'
import { openStream } from '../events/open-stream'
import { resolveStreamStores } from '../events/stream-stores'
import { isHttpsRequest } from '../http/client-address'
import { logErrorResponse, toErrorBody } from '../http/errors'
import { apiSecurityHeaders } from '../http/security-headers'
import { applyTestNowHeader } from '../time/clock'

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

/**
 * A request header read from Node's raw list, as `req.headers` would give it (the first of a repeated
 * `Authorization`, the others joined with `join`), without building `req.headers`: a stream reads five.
 */
function readHeader(raw: string[], name: string, join = ', '): string | undefined {
  let value: string | undefined
  for (let i = 0; i < raw.length; i += 2) {
    if (!isHeaderName(raw[i], name))
      continue
    if (value === undefined)
      value = raw[i + 1]
    else if (name !== 'authorization')
      value = `${value}${join}${raw[i + 1]}`
  }
  return value
}

/** Whether a raw header name is `lowercase` (a lower-case name), in any case, without lower-casing it. */
function isHeaderName(raw: string, lowercase: string): boolean {
  if (raw.length !== lowercase.length)
    return false
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i)
    if (code !== lowercase.charCodeAt(i) && (code < 65 || code > 90 || (code | 0x20) !== lowercase.charCodeAt(i)))
      return false
  }
  return true
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
 * events, which each of them also sees in the orders list; no analytics-only data travels on it. The
 * stream at once when nothing has to be waited for (a member's session already in use on this
 * instance, a store it already streams), else a promise of it.
 */
function openRequestedStream(req: IncomingMessage): StreamClient | Promise<StreamClient> {
  const raw = req.rawHeaders
  applyTestNowHeader(readHeader(raw, 'x-pulse-test-now'))
  const authorization = readHeader(raw, 'authorization')
  const access = resolveTokenAccess(readTokenOf(authorization, readHeader(raw, 'cookie', '; ')), authorization !== undefined)
  return access instanceof Promise ? access.then(found => openStreamOf(req, found)) : openStreamOf(req, access)
}

function openStreamOf(req: IncomingMessage, access: Access): StreamClient | Promise<StreamClient> {
  assertAllowed(access, 'events:read')
  const { principal } = access
  return principal.type === 'api_key'
    ? useKeyStreamSession(access.db, principal.id, access.storeId).then(session => openStreamAs(req, access, session))
    : openStreamAs(req, access, principal.session)
}

function openStreamAs(req: IncomingMessage, access: Access, session: Session): StreamClient | Promise<StreamClient> {
  const at = req.url!.indexOf('?')
  const query = at < 0 ? undefined : new URLSearchParams(req.url!.slice(at + 1))
  const lastEventId: LastEventId = readHeader(req.rawHeaders, 'last-event-id') ?? readParameter(query, 'lastEventId')
  const stores = readParameter(query, 'stores')
  if (typeof stores !== 'string' || stores === '')
    return openStream(lastEventId, session)
  const owner = { session, person: access.principal.type === 'user', all: stores === 'all' }
  return resolveStreamStores(access, stores).then(storeIds => openMultiStream(lastEventId, owner, storeIds))
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
 * response (401, 403, 404, 429 with `retry-after`, 503 while shutting down…). Returns once answered,
 * or a promise that resolves then.
 */
export function serveStream(req: IncomingMessage, res: ServerResponse): Promise<void> | undefined {
  const https = isHttpsRequest(req, readHeader(req.rawHeaders, 'x-forwarded-proto'))
  let opened: StreamClient | Promise<StreamClient>
  try {
    opened = openRequestedStream(req)
  }
  catch (error) {
    sendError(req, res, error, https)
    return undefined
  }
  if (opened instanceof Promise)
    return opened.then(client => sendStream(res, client, https), error => sendError(req, res, error, https))
  sendStream(res, opened, https)
  return undefined
}

function sendStream(res: ServerResponse, client: StreamClient, https: boolean): void {
  // The client left while its stream was opened: the response will never close again to say so.
  if (res.destroyed) {
    client.body.destroy()
    return
  }
  res.writeHead(200, https ? STREAM_HEAD_HTTPS : STREAM_HEAD)
  client.body.pipe(res)
}
