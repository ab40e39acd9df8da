import type { LookupAddress, LookupOptions } from 'node:dns'
import type { RequestOptions } from 'node:https'
import { lookup } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import { addressAllowed } from './endpoint'

export interface PushRequest { endpoint: string, method: string, headers: Record<string, string | number>, body: Buffer | null }
export interface PushResponse { status: number, retryAfterMs: number | null }

/** Retry-After as seconds or an HTTP date, in milliseconds from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value)
    return null
  if (/^\d+$/.test(value.trim()))
    return Number(value.trim()) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

/**
 * The address check again at connect time (DNS rebinding): a name that resolves to a private or
 * loopback address now is refused even though it passed when the subscription was stored.
 */
function checkedLookup(protocol: string) {
  return (hostname: string, options: LookupOptions, callback: (...args: any[]) => void) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error)
        return callback(error)
      const refused = addresses.find(entry => !addressAllowed(entry.address, protocol))
      if (refused || addresses.length === 0)
        return callback(Object.assign(new Error(`push endpoint ${hostname} resolves to a refused address`), { code: 'EPUSHADDRESS' }))
      if (options.all)
        return callback(null, addresses)
      callback(null, addresses[0].address, addresses[0].family)
    })
  }
}

/**
 * Sends one request built by `webpush.generateRequestDetails` (web-push itself cannot speak http:// nor
 * time out cleanly). `timeoutMs` bounds the whole exchange, connection to the answer's last byte: a
 * service that accepts the connection and never answers (or answers a byte a minute) is cut off then.
 */
export function sendPushRequest(request: PushRequest, timeoutMs: number): Promise<PushResponse> {
  const url = new URL(request.endpoint)
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (isIP(host) && !addressAllowed(host, url.protocol))
    return Promise.reject(new Error(`push endpoint address ${host} is refused`))
  const options: RequestOptions = {
    method: request.method,
    headers: { ...request.headers, 'content-length': request.body?.length ?? 0 },
    lookup: checkedLookup(url.protocol) as RequestOptions['lookup'],
    agent: false,
  }
  const client = url.protocol === 'https:' ? https : http
  let deadline: NodeJS.Timeout | undefined
  return new Promise<PushResponse>((resolve, reject) => {
    const req = client.request(url, options, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfterMs: parseRetryAfter(res.headers['retry-after'] as string | undefined) }))
      res.on('error', reject)
    })
    deadline = setTimeout(() => req.destroy(new Error(`push endpoint did not answer within ${timeoutMs} ms`)), timeoutMs)
    req.on('error', reject)
    req.end(request.body ?? undefined)
  }).finally(() => clearTimeout(deadline))
}
