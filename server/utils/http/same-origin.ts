import type { H3Event } from 'h3'
import { createApiError } from './errors'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host
  }
  catch {
    return undefined
  }
}

/**
 * A second line of defence against cross-site requests, behind the JSON-only rule (which already forces
 * a CORS preflight): a browser write that does not carry its own `Authorization` header (so rides on
 * the cookie, or signs in) must come from Pulse's own pages. `Sec-Fetch-Site` decides where browsers
 * send it; otherwise `Origin` must name this host. Clients that send neither (curl, servers) are not
 * browsers and carry no ambient cookie of a victim.
 */
export function assertSameOriginWrite(event: H3Event): void {
  if (SAFE_METHODS.has(event.req.method) || event.req.headers.has('authorization'))
    return
  const site = event.req.headers.get('sec-fetch-site')
  if (site)
    return assertAllowed(site === 'same-origin' || site === 'none')
  const origin = event.req.headers.get('origin')
  if (origin !== null)
    assertAllowed(originHost(origin) === event.req.headers.get('host'))
}

function assertAllowed(allowed: boolean): void {
  if (!allowed)
    throw createApiError('cross_site_request')
}
