#!/usr/bin/env node
// Signs in to a running Pulse as the demo store and creates realistic orders, payments and status
// changes at a steady rate, so anyone can watch the dashboard move.
//   npm run simulate -- --url http://localhost:3000 --rate 20 --duration 120
import { parseArgs } from 'node:util'
import PRODUCTS from '../shared/demo-catalog.json' with { type: 'json' }
import { minorToMajor } from '../shared/minor-units.mjs'

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.PULSE_URL || 'http://localhost:3000' },
    email: { type: 'string', default: 'demo@pulse.local' },
    password: { type: 'string', default: 'pulse-demo' },
    rate: { type: 'string', default: '12' },
    duration: { type: 'string', default: '0' },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

if (args.help) {
  console.log(`npm run simulate -- [--url ${args.url}] [--rate orders-per-minute (12)] [--duration seconds (0 = until Ctrl-C)] [--email --password]`)
  process.exit(0)
}

const CUSTOMERS = ['Ava', 'Noah', 'Mia', 'Liam', 'Zoe', 'Omar', 'Lena', 'Kai', null]
const pick = list => list[Math.floor(Math.random() * list.length)]
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

const base = args.url.replace(/\/$/, '')
const ratePerMinute = Math.max(0.1, Number(args.rate))
const stopAt = Number(args.duration) > 0 ? Date.now() + Number(args.duration) * 1000 : Infinity

async function call(method, path, token, body) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const data = response.status === 204 ? null : await response.json()
  if (!response.ok)
    throw new Error(`${method} ${path} → ${response.status} ${data?.error}: ${data?.message}`)
  return data
}

const { token, store } = await call('POST', '/auth/login', null, { email: args.email, password: args.password })
// Amounts are the currency's minor units (catalogue prices too: 450 is $4.50, or ¥450 in a yen store).
const money = minor => new Intl.NumberFormat('en', { style: 'currency', currency: store.currency }).format(minorToMajor(minor, store.currency))
console.log(`Simulating ${ratePerMinute} orders/min for "${store.name}" at ${base} — open the dashboard and watch. Ctrl-C to stop.`)

const later = (ms, action) => setTimeout(() => action().catch(error => console.error(error.message)), ms)

async function placeOrder() {
  const lines = new Map()
  for (let i = 0, n = 1 + Math.floor(Math.random() * 3); i < n; i++) {
    const { name, sku, unitPriceCents } = pick(PRODUCTS)
    const line = lines.get(name) ?? { name, sku, quantity: 0, unitPriceCents }
    line.quantity++
    lines.set(name, line)
  }
  const order = await call('POST', '/orders', token, { items: [...lines.values()], customerName: pick(CUSTOMERS) })
  console.log(`#${order.number} created ${money(order.totalCents)}`)
  const roll = Math.random()
  if (roll < 0.05) {
    later(3000, async () => {
      await call('PATCH', `/orders/${order.id}`, token, { status: 'cancelled' })
      console.log(`#${order.number} cancelled`)
    })
    return
  }
  later(2000 + Math.random() * 4000, async () => {
    await call('POST', `/orders/${order.id}/payments`, token, { amountCents: order.totalCents, method: Math.random() < 0.8 ? 'card' : 'cash' })
    console.log(`#${order.number} paid`)
    later(5000 + Math.random() * 10000, async () => {
      const next = roll > 0.97 ? 'refunded' : 'fulfilled'
      await call('PATCH', `/orders/${order.id}`, token, { status: next })
      console.log(`#${order.number} ${next}`)
    })
  })
}

while (Date.now() < stopAt) {
  await placeOrder().catch(error => console.error(error.message))
  // Exponential gaps around the mean rate feel like real arrivals.
  await sleep(Math.min(-Math.log(1 - Math.random()) * 60_000 / ratePerMinute, 10 * 60_000 / ratePerMinute))
}
await sleep(16_000)
process.exit(0)
