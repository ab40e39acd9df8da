import type { Facts } from '../../connectors/types'
import type { HistoryReader } from '../types'
import { useConfig } from '../../config'
import { orderFacts, refundFacts } from '../../connectors/platforms/shopify'
import { fetchJson } from '../fetch-json'
import { historyItem } from '../history-item'

const API_VERSION = '2025-10'

function baseOf(shopDomain: string | null): string {
  return useConfig().apiBases.shopify ?? `https://${shopDomain}`
}

/** The `rel="next"` URL of a Link header (Shopify's cursor pagination: `page_info`). */
export function nextLink(link: string | null): string | null {
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part)
    if (match)
      return match[1]
  }
  return null
}

/**
 * Shopify's history is its orders (`orders.json`, any status) with their refunds; the cursor is the
 * `next` URL of the Link header, followed only on the shop's own origin.
 */
export const readShopifyHistory: HistoryReader = async (source, since, cursor) => {
  const base = baseOf(source.shopDomain)
  const url = cursor ?? `${base}/admin/api/${API_VERSION}/orders.json?status=any&created_at_min=${encodeURIComponent(since.toISOString())}&limit=250`
  if (new URL(url).origin !== new URL(base).origin)
    throw new Error('Shopify sent a next page on another host.')
  const { body, headers } = await fetchJson('shopify', url, { 'x-shopify-access-token': source.apiKey })
  const orders = (body as { orders?: unknown }).orders
  if (!Array.isArray(orders))
    throw new Error('Shopify\'s answer has no orders list.')
  const items = orders.map((order: Record<string, any>) => historyItem(order.created_at, () => {
    const facts: Facts[] = [orderFacts('orders/updated', order, source.shopDomain)]
    for (const refund of Array.isArray(order.refunds) ? order.refunds : []) facts.push(refundFacts(refund))
    return facts
  }))
  return { items, next: nextLink(headers.get('link')) }
}
