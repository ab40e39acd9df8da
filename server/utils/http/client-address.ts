import type { H3Event } from 'h3'
import type { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'
import { getRequestIP } from 'h3'
import { useConfig } from '../config'
import { addressBucket } from './address-bucket'

/**
 * The client's address. Behind a proxy (`PULSE_TRUST_PROXY=1`) it is the last `X-Forwarded-For`
 * entry, the one the proxy itself appended: earlier entries come from the client and can say anything.
 * Otherwise the socket's peer, and forwarded headers are ignored.
 */
export function clientAddress(event: H3Event): string {
  if (useConfig().trustProxy) {
    const forwarded = event.req.headers.get('x-forwarded-for')?.split(',').map(part => part.trim()).filter(Boolean).at(-1)
    if (forwarded)
      return forwarded
  }
  return getRequestIP(event) ?? 'unknown'
}

/** The client's address as the per-address limits count it: IPv6 by its /64 (see addressBucket). */
export function clientAddressBucket(event: H3Event): string {
  return addressBucket(clientAddress(event))
}

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3})$/

export function isLoopback(address: string): boolean {
  return LOOPBACK.test(address)
}

/** Whether the request reached Pulse over HTTPS; the proxy's `X-Forwarded-Proto` counts only when trusted. */
export function isHttps(event: H3Event): boolean {
  return event.url.protocol === 'https:' || isForwardedHttps(event.req.headers.get('x-forwarded-proto') ?? undefined)
}

/** isHttps of a Node request and its `X-Forwarded-Proto` header (for routes served outside h3). */
export function isHttpsRequest(req: IncomingMessage, forwardedProto: string | undefined): boolean {
  return (req.socket as TLSSocket).encrypted === true || isForwardedHttps(forwardedProto)
}

function isForwardedHttps(header: string | undefined): boolean {
  return header !== undefined && useConfig().trustProxy && header.split(',')[0].trim() === 'https'
}
