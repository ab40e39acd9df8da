import * as v from 'valibot'
import { PLATFORMS } from '../domain'
import { isCalendarDate } from './analytics'
import { safeString } from './api'

const secret = v.pipe(safeString(), v.trim(), v.minLength(8, 'must be at least 8 characters'), v.maxLength(500), v.regex(/^\S+$/, 'must not contain spaces'))
const name = v.pipe(safeString(), v.trim(), v.minLength(1), v.maxLength(100))
// A shop's host name only (my-shop.myshopify.com, shop.example): Pulse builds the links to its admin from it.
const shopDomain = v.pipe(safeString(), v.trim(), v.toLowerCase(), v.maxLength(253), v.regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::\d{1,5})?$/, 'must be a host name such as my-shop.myshopify.com'))

// A read credential for the history import (Stripe rk_…, Shopify token, Square token, WooCommerce key:secret).
const apiKey = v.pipe(safeString(), v.trim(), v.minLength(1), v.maxLength(500))

export const CreateConnectionSchema = v.strictObject({
  platform: v.picklist(PLATFORMS, 'must be stripe, shopify, square or woocommerce'),
  name: v.optional(name),
  signingSecret: v.optional(secret),
  shopDomain: v.optional(shopDomain),
  apiKey: v.optional(apiKey),
})

export const UpdateConnectionSchema = v.strictObject({
  name: v.optional(name),
  signingSecret: v.optional(secret),
  apiKey: v.optional(apiKey),
})

/** The day (in the store's time zone) the history import starts at; not after today. */
export const BackfillSchema = v.strictObject({
  since: v.pipe(
    v.string(),
    v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
    v.check(isCalendarDate, 'is not a calendar date'),
    v.check(date => date >= '2000-01-01', 'must be 2000-01-01 or later'),
    // A day after today (in any time zone) has no sales yet.
    v.check(date => Date.parse(`${date}T00:00:00Z`) <= Date.now() + 86_400_000, 'must not be in the future'),
  ),
})

export const DeliveriesQuerySchema = v.object({
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be a whole number from 1 to 100'), v.transform(Number), v.minValue(1, 'must be a whole number from 1 to 100'), v.maxValue(100, 'must be a whole number from 1 to 100')), '20'),
})
