#!/usr/bin/env node
// A point of sale sending its sales to Pulse with an API key: each sale becomes an order (made safe to
// retry by an Idempotency-Key derived from the sale's own id), then its payment. See docs/integrations.md.
//   PULSE_API_KEY=pulse_sk_… node scripts/pos-example.mjs --url http://localhost:3000 --sales 3
// The key comes from the environment, never from the command line (which other users can list with ps).
import { randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.PULSE_URL || 'http://localhost:3000' },
    sales: { type: 'string', default: '1' },
    register: { type: 'string', default: 'till-1' },
    help: { type: 'boolean', short: 'h', default: false },
  },
})
const KEY = process.env.PULSE_API_KEY
if (args.help || !KEY) {
  console.log('PULSE_API_KEY=pulse_sk_… node scripts/pos-example.mjs [--url http://localhost:3000] [--sales 1] [--register till-1]')
  console.log('The key needs the orders:write scope (create one under Settings → API keys, or POST /api/v1/api-keys).')
  process.exit(args.help ? 0 : 2)
}
const base = args.url.replace(/\/$/, '')
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

class ApiError extends Error {
  constructor(status, body) {
    super(`${status} ${body?.error}: ${body?.message}`)
    this.status = status
    this.code = body?.error
  }
}

/** One request; 5xx, 429 and network failures are worth retrying, other 4xx are not (the request is wrong). */
async function send(method, path, body, headers = {}) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { 'authorization': `Bearer ${KEY}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  })
  const data = await response.json().catch(() => null)
  if (!response.ok) {
    const error = new ApiError(response.status, data)
    error.retryAfter = Number(response.headers.get('retry-after')) || undefined
    throw error
  }
  return { status: response.status, data }
}

const retryable = error => !(error instanceof ApiError) || error.status >= 500 || error.status === 429

/** Retries with exponential backoff and full jitter (0.5 s, 1 s, 2 s … up to 30 s), honouring Retry-After. */
async function withRetries(what, attempt, tries = 6) {
  for (let i = 1; ; i++) {
    try {
      return await attempt()
    }
    catch (error) {
      if (!retryable(error) || i >= tries)
        throw error
      const wait = error.retryAfter ? error.retryAfter * 1000 : Math.random() * Math.min(30_000, 500 * 2 ** (i - 1))
      console.warn(`${what}: ${error.message}; retry ${i} in ${Math.round(wait)} ms`)
      await sleep(wait)
    }
  }
}

async function recordSale(sale) {
  // The same sale always sends the same key: however often it is retried, Pulse creates one order.
  const idempotencyKey = `${args.register}:${sale.id}`
  const { status, data: order } = await withRetries(`order ${idempotencyKey}`, () => send('POST', '/orders', { items: sale.items, customerName: sale.customer }, { 'idempotency-key': idempotencyKey }))
  console.log(`${status === 201 ? 'created' : 'already there'}: order #${order.number} (${order.totalCents} cents)`)
  // Payments take no Idempotency-Key: pay the whole amount at once, and after an unclear failure read the
  // order back before paying again (a paid order refuses further payments with 409 order_not_payable).
  await withRetries(`payment of #${order.number}`, async () => {
    const current = (await send('GET', `/orders/${order.id}`).catch(() => ({ data: order }))).data
    if (current.status !== 'pending' || current.paidCents >= current.totalCents)
      return
    await send('POST', `/orders/${order.id}/payments`, { amountCents: current.totalCents - current.paidCents, method: sale.method })
  })
  console.log(`paid: order #${order.number} by ${sale.method}`)
  return order
}

const CATALOGUE = [['Flat white', 420], ['Croissant', 350], ['Orange juice', 380], ['Banana bread', 300]]
for (let n = 0; n < Number(args.sales); n++) {
  const [name, unitPriceCents] = CATALOGUE[n % CATALOGUE.length]
  await recordSale({ id: randomUUID(), customer: null, method: n % 2 ? 'cash' : 'card', items: [{ name, sku: name.toUpperCase().replace(/\W+/g, '-'), quantity: 1 + (n % 2), unitPriceCents }] })
}
