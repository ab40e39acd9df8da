import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Stripe from 'stripe'

// The platforms' published payloads (tests/fixtures/connectors/README.md names their sources) and how
// each platform signs a delivery: shared by the connector tests and bench/webhooks.mjs.
const FIXTURES = resolve(import.meta.dirname, '../../tests/fixtures/connectors')
const stripe = new Stripe('sk_test_unused_by_webhooks')

/** A fresh parsed copy of a fixture file (callers change their copy, never the file). */
export function fixture(platform, file) {
  return JSON.parse(readFileSync(join(FIXTURES, platform, file), 'utf8'))
}

/** Stripe's `Stripe-Signature` header for a body, by the stripe package itself (`t=…,v1=…`). */
export function stripeSignature(body, secret, timestamp) {
  return stripe.webhooks.generateTestHeaderString({ payload: body, secret, ...(timestamp ? { timestamp } : {}) })
}

/** Base64 HMAC-SHA256: Shopify and WooCommerce over the body, Square over notification URL + body. */
export function hmacBase64(secret, data) {
  return createHmac('sha256', secret).update(data).digest('base64')
}
