import type { HistoryReader } from '../types'
import { useConfig } from '../../config'
import { orderFacts, siteOf } from '../../connectors/platforms/woocommerce'
import { fetchJson } from '../fetch-json'
import { historyItem } from '../history-item'

const PAGE_SIZE = 100

/**
 * WooCommerce's history is its orders (`/wp-json/wc/v3/orders`, oldest first), paged by number up to
 * `X-WP-TotalPages`; the cursor is the next page's number. The key is `consumer_key:consumer_secret`.
 */
export const readWooCommerceHistory: HistoryReader = async (source, since, cursor) => {
  const site = siteOf(null, source.shopDomain)
  const base = useConfig().apiBases.woocommerce ?? site
  const page = cursor ? Number(cursor) : 1
  // WooCommerce reads `after` in the site's zone unless it carries one: say UTC.
  const url = `${base}/wp-json/wc/v3/orders?after=${encodeURIComponent(since.toISOString())}&orderby=date&order=asc&per_page=${PAGE_SIZE}&page=${page}`
  const { body, headers } = await fetchJson('woocommerce', url, { authorization: `Basic ${Buffer.from(source.apiKey).toString('base64')}` })
  if (!Array.isArray(body))
    throw new Error('WooCommerce\'s answer is not a list of orders.')
  const items = body.map((order: Record<string, any>) => historyItem(order.date_created_gmt ? `${order.date_created_gmt}Z` : order.date_created, () => [orderFacts(order, site)]))
  const totalPages = Number(headers.get('x-wp-totalpages') ?? 1)
  return { items, next: page < totalPages ? String(page + 1) : null }
}
