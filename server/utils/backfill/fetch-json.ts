import { PLATFORM_LABELS } from '~shared/domain'
import { parseRetryAfter } from './retry-after'
import { PlatformRefused, RateLimited } from './types'

/** Reads a platform's JSON list (Shopify, WooCommerce): 429 waits, 401/403/404 refuse, other failures throw. */
export async function fetchJson(platform: keyof typeof PLATFORM_LABELS, url: string, headers: Record<string, string>): Promise<{ body: unknown, headers: Headers }> {
  const response = await fetch(url, { headers: { accept: 'application/json', ...headers }, redirect: 'error', signal: AbortSignal.timeout(30_000) })
  if (response.status === 429) {
    await response.body?.cancel()
    throw new RateLimited(parseRetryAfter(response.headers.get('retry-after')))
  }
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    await response.body?.cancel()
    throw new PlatformRefused(`${PLATFORM_LABELS[platform]} refused the API key (${response.status}): check that it is current and may read orders.`)
  }
  if (!response.ok) {
    await response.body?.cancel()
    throw new Error(`${PLATFORM_LABELS[platform]} answered ${response.status}.`)
  }
  return { body: await response.json(), headers: response.headers }
}
