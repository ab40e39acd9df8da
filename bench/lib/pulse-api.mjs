import { expectStatus } from './http.mjs'

let counter = 0

/** Registers a store through the API (UTC, USD) and signs the client in to it; returns the auth response. */
export async function registerStore(client, overrides = {}) {
  const email = `bench-${process.pid}-${Date.now().toString(36)}-${counter++}@example.test`
  const response = expectStatus(await client.post('/api/v1/auth/register', { email, password: 'bench-password', storeName: `Bench store ${counter}`, timeZone: 'UTC', currency: 'USD', ...overrides }), 201, 'register')
  client.token = response.body.token
  return { ...response.body, email, password: overrides.password ?? 'bench-password' }
}

export async function login(client, email, password) {
  const response = expectStatus(await client.post('/api/v1/auth/login', { email, password }), 200, 'login')
  client.token = response.body.token
  return response.body
}

export const DEMO = { email: 'demo@pulse.local', password: 'pulse-demo' }
/** The line the server prints once the demo store exists (PULSE_DEMO=1). */
export const DEMO_READY = /sign in as demo@pulse\.local/

/** A typical one-line order: what a till sends. */
export function sampleOrder(i = 0) {
  return { items: [{ name: i % 2 ? 'Latte' : 'Cappuccino', quantity: 1 + (i % 3), unitPriceCents: 450 }] }
}

export async function postOrder(client, order = sampleOrder()) {
  return expectStatus(await client.post('/api/v1/orders', order), 201, 'create order')
}
