import type { IncomingMessage, ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { fixture } from './connectors'

// A local stand-in for the four platforms' list APIs (issue 25), in each platform's published response
// shape: Stripe `GET /v1/charges` (a list object with `has_more`, `starting_after`), Shopify Admin REST
// `orders.json` (`Link` headers with `page_info`), Square `ListPayments` (`cursor`), WooCommerce
// `wc/v3/orders` (`X-WP-Total`, `X-WP-TotalPages`). Each dataset belongs to one credential, so tests
// sharing the server never see each other's sales; a request with a credential it does not know gets
// the platform's own authentication error. Faults (a 429 with Retry-After, a 401) are set per request
// number of a credential.

export type PlatformName = 'stripe' | 'shopify' | 'square' | 'woocommerce'

export interface Fault { onRequest: number, status: 429 | 401 | 500, retryAfter?: string }

interface Dataset { items: Array<Record<string, any>>, pageSize?: number, faults: Fault[], requests: URL[] }

export interface PlatformApis {
  url: string
  /** Serves `items` (the platform's own objects, newest or oldest first as the platform lists them) to `key`. */
  serve: (platform: PlatformName, key: string, items: Array<Record<string, any>>, options?: { pageSize?: number, faults?: Fault[] }) => void
  /** The requests `key` made, in order. */
  requests: (platform: PlatformName, key: string) => URL[]
  close: () => Promise<void>
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

// Each platform's authentication error body, as its documentation shows it.
const AUTH_ERRORS: Record<PlatformName, unknown> = {
  stripe: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided: rk_test_****' } },
  shopify: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' },
  square: { errors: [{ category: 'AUTHENTICATION_ERROR', code: 'UNAUTHORIZED', detail: 'This request could not be authorized.' }] },
  woocommerce: { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } },
}
const RATE_ERRORS: Record<PlatformName, unknown> = {
  stripe: { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests hit the API too quickly.' } },
  shopify: { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' },
  square: { errors: [{ category: 'RATE_LIMIT_ERROR', code: 'RATE_LIMITED', detail: 'Too many requests.' }] },
  woocommerce: { code: 'too_many_requests', message: 'Too many requests.', data: { status: 429 } },
}

function keyOf(platform: PlatformName, req: IncomingMessage): string | undefined {
  if (platform === 'shopify')
    return req.headers['x-shopify-access-token'] as string | undefined
  const auth = req.headers.authorization ?? ''
  if (platform === 'woocommerce')
    return auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString() : undefined
  return auth.startsWith('Bearer ') ? auth.slice(7) : undefined
}

function platformOf(path: string): PlatformName | undefined {
  if (path === '/v1/charges')
    return 'stripe'
  if (path === '/admin/api/2025-10/orders.json')
    return 'shopify'
  if (path === '/v2/payments')
    return 'square'
  return path === '/wp-json/wc/v3/orders' ? 'woocommerce' : undefined
}

function listStripe(res: ServerResponse, url: URL, data: Dataset): void {
  const gte = Number(url.searchParams.get('created[gte]') ?? 0)
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 10), 100)
  let items = data.items.filter(charge => charge.created >= gte)
  const after = url.searchParams.get('starting_after')
  if (after)
    items = items.slice(items.findIndex(charge => charge.id === after) + 1)
  send(res, 200, { object: 'list', data: items.slice(0, limit), has_more: items.length > limit, url: '/v1/charges' })
}

function listShopify(res: ServerResponse, url: URL, data: Dataset, origin: string): void {
  // Shopify's cursor is opaque: here the offset, base64url. With page_info no other filter may be sent.
  const pageInfo = url.searchParams.get('page_info')
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 50), 250, data.pageSize ?? 250)
  const min = pageInfo ? Number.NEGATIVE_INFINITY : Date.parse(url.searchParams.get('created_at_min') ?? '1970-01-01T00:00:00Z')
  const from = pageInfo ? Number(Buffer.from(pageInfo, 'base64url').toString()) : 0
  const items = data.items.filter(order => Date.parse(order.created_at) >= min)
  const page = items.slice(from, from + limit)
  const link = (offset: number, rel: string) => `<${origin}${url.pathname}?limit=${url.searchParams.get('limit')}&page_info=${Buffer.from(String(offset)).toString('base64url')}>; rel="${rel}"`
  const links = [...(from > 0 ? [link(Math.max(0, from - limit), 'previous')] : []), ...(from + limit < items.length ? [link(from + limit, 'next')] : [])]
  send(res, 200, { orders: page }, links.length > 0 ? { link: links.join(', ') } : {})
}

function listSquare(res: ServerResponse, url: URL, data: Dataset): void {
  const begin = Date.parse(url.searchParams.get('begin_time') ?? '1970-01-01T00:00:00Z')
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 100), 100, data.pageSize ?? 100)
  const from = Number(url.searchParams.get('cursor') ?? 0)
  const items = data.items.filter(payment => Date.parse(payment.created_at) >= begin)
  const page = items.slice(from, from + limit)
  send(res, 200, { payments: page, ...(from + limit < items.length ? { cursor: String(from + limit) } : {}) })
}

function listWoo(res: ServerResponse, url: URL, data: Dataset): void {
  const after = Date.parse(`${url.searchParams.get('after')}`)
  const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 10), 100, data.pageSize ?? 100)
  const page = Number(url.searchParams.get('page') ?? 1)
  const items = data.items.filter(order => !(after > 0) || Date.parse(`${order.date_created_gmt}Z`) > after)
  send(res, 200, items.slice((page - 1) * perPage, page * perPage), { 'x-wp-total': String(items.length), 'x-wp-totalpages': String(Math.ceil(items.length / perPage)) })
}

export async function startPlatformApis(): Promise<PlatformApis> {
  const datasets = new Map<string, Dataset>()
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local')
    const platform = platformOf(url.pathname)
    if (!platform || req.method !== 'GET')
      return send(res, 404, { error: 'not found' })
    const key = keyOf(platform, req)
    const data = key ? datasets.get(`${platform}|${key}`) : undefined
    if (!data)
      return send(res, 401, AUTH_ERRORS[platform], { 'request-id': randomUUID() })
    data.requests.push(url)
    const fault = data.faults.find(f => f.onRequest === data.requests.length)
    if (fault?.status === 429)
      return send(res, 429, RATE_ERRORS[platform], { 'retry-after': fault.retryAfter ?? '1' })
    if (fault)
      return send(res, fault.status, fault.status === 401 ? AUTH_ERRORS[platform] : { error: 'internal' })
    if (platform === 'stripe')
      return listStripe(res, url, data)
    if (platform === 'shopify')
      return listShopify(res, url, data, `http://${req.headers.host}`)
    return platform === 'square' ? listSquare(res, url, data) : listWoo(res, url, data)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${address.port}`,
    serve(platform, key, items, options = {}) {
      datasets.set(`${platform}|${key}`, { items, pageSize: options.pageSize, faults: options.faults ?? [], requests: [] })
    },
    requests: (platform, key) => datasets.get(`${platform}|${key}`)?.requests ?? [],
    close: () => new Promise(resolve => server.close(() => resolve())),
  }
}

/** Pulse's environment for a server that reads every platform from `apis`. */
export function platformEnv(apis: PlatformApis): Record<string, string> {
  return { PULSE_STRIPE_API_BASE: apis.url, PULSE_SHOPIFY_API_BASE: apis.url, PULSE_SQUARE_API_BASE: apis.url, PULSE_WOOCOMMERCE_API_BASE: apis.url }
}

export function uniqueKey(prefix: string): string {
  return `${prefix}${randomUUID().replaceAll('-', '')}`
}

// The platforms' objects, from the same fixtures as the webhook tests; each helper says what it changes.

/** Stripe charges (fixtures3 `charge`), newest first as Stripe lists them: succeeded and captured, at `created` (seconds). */
export function stripeCharges(times: number[], fields: (index: number) => Record<string, unknown> = () => ({})): Array<Record<string, any>> {
  return times.map((created, index) => {
    const pi = `pi_${randomUUID().replaceAll('-', '').slice(0, 24)}`
    return { ...fixture('stripe', 'charge.json'), id: `ch_${pi.slice(3)}`, payment_intent: pi, created, amount: 1000 + index, amount_captured: 1000 + index, amount_refunded: 0, refunded: false, captured: true, paid: true, status: 'succeeded', currency: 'usd', ...fields(index) }
  }).sort((a, b) => b.created - a.created)
}

/** Shopify orders (shopify-api-ruby `order.json`), newest first: paid, at `created_at`. */
export function shopifyOrders(times: number[], fields: (index: number) => Record<string, unknown> = () => ({})): Array<Record<string, any>> {
  return times.map((time, index) => ({ ...fixture('shopify', 'order.json').order, id: Math.floor(Math.random() * 1e12), created_at: new Date(time * 1000).toISOString(), financial_status: 'paid', ...fields(index) }))
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
}

/** Square payments (connect-api-specification `PaymentCreatedEvent` example), oldest first: COMPLETED. */
export function squarePayments(times: number[]): Array<Record<string, any>> {
  return times.map((time, index) => {
    const payment = fixture('square', 'payment.created.json').data.object.payment
    const money = { amount: 500 + index, currency: 'USD' }
    return { ...payment, id: randomUUID().replaceAll('-', ''), order_id: randomUUID().replaceAll('-', ''), created_at: new Date(time * 1000).toISOString(), status: 'COMPLETED', amount_money: money, total_money: money, approved_money: money }
  }).sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))
}

/** WooCommerce orders (order 723 of "List all orders": completed, two refunds), oldest first. */
export function wooOrders(times: number[]): Array<Record<string, any>> {
  return times.map((time) => {
    const order = fixture('woocommerce', 'orders-list.json').find((o: any) => o.id === 723)
    const gmt = new Date(time * 1000).toISOString().slice(0, 19)
    return { ...order, id: Math.floor(Math.random() * 1e9), date_created_gmt: gmt, date_created: gmt }
  }).sort((a, b) => Date.parse(a.date_created_gmt) - Date.parse(b.date_created_gmt))
}
