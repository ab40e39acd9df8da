import type { LookupAddress } from 'node:dns'
import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'
import { usePushConfig } from '../config'
import { createApiError } from '../http/errors'

// Addresses a push endpoint must never reach: this host, private networks, link-local (cloud metadata),
// carrier-grade NAT, benchmarking, multicast and reserved ranges; and every IPv6 form that embeds an
// IPv4 address or relays to one (IPv4-compatible, IPv4-translated, NAT64, Teredo, 6to4 and its relay),
// since the IPv4 address inside could be any of the former.
const blocked = new BlockList()
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const)
  blocked.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [['::', 96], ['::ffff:0:0:0', 96], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['2001:db8::', 32], ['100::', 64], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['2001::', 32], ['2002::', 16]] as const)
  blocked.addSubnet(net, prefix, 'ipv6')

/** Whether an address is public (routable on the internet), mapped IPv4 in IPv6 included. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4)
    return !blocked.check(address, 'ipv4')
  if (family !== 6)
    return false
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped)
    return isPublicAddress(mapped[1])
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address)
  if (hexMapped) {
    const high = Number.parseInt(hexMapped[1], 16)
    const low = Number.parseInt(hexMapped[2], 16)
    return isPublicAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`)
  }
  return !blocked.check(address, 'ipv6')
}

const isLoopback = (address: string) => /^127\./.test(address) || address === '::1' || /^::ffff:127\./i.test(address)

/** Whether `address` may be connected to for an endpoint with this protocol. */
export function addressAllowed(address: string, protocol: string): boolean {
  if (protocol === 'https:' && isPublicAddress(address))
    return true
  return usePushConfig().allowInsecureEndpoints && isLoopback(address)
}

function invalid(message: string): Error {
  return createApiError(400, 'invalid_push_endpoint', message)
}

/**
 * Checks an endpoint before it is stored: an `https://` URL (no credentials) whose host resolves only
 * to public addresses. With `PULSE_PUSH_ALLOW_INSECURE_ENDPOINTS=1` (tests) `http://` on loopback too.
 * The sender checks the address again at connect time, so a name that later resolves elsewhere
 * (DNS rebinding) is refused then.
 */
export async function validateEndpoint(endpoint: string): Promise<URL> {
  let url: URL
  try {
    url = new URL(endpoint)
  }
  catch {
    throw invalid('The subscription endpoint is not a URL.')
  }
  const insecure = usePushConfig().allowInsecureEndpoints
  if (url.protocol !== 'https:' && !(insecure && url.protocol === 'http:'))
    throw invalid('The subscription endpoint must be an https:// URL.')
  if (url.username || url.password)
    throw invalid('The subscription endpoint must not carry credentials.')
  const host = url.hostname.replace(/^\[|\]$/g, '')
  let addresses: string[]
  if (isIP(host)) {
    addresses = [host]
  }
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true }) as LookupAddress[]).map(entry => entry.address)
    }
    catch {
      throw invalid('The subscription endpoint\'s host does not resolve.')
    }
  }
  if (addresses.length === 0 || !addresses.every(address => addressAllowed(address, url.protocol)))
    throw invalid('The subscription endpoint must be a public push service, not a loopback, private or link-local address.')
  return url
}
