import * as v from 'valibot'
import { PLATFORMS } from '../domain'
import { safeString } from './api'

const secret = v.pipe(safeString(), v.trim(), v.minLength(8, 'must be at least 8 characters'), v.maxLength(500), v.regex(/^\S+$/, 'must not contain spaces'))
const name = v.pipe(safeString(), v.trim(), v.minLength(1), v.maxLength(100))
// A shop's host name only (my-shop.myshopify.com, shop.example): Pulse builds the links to its admin from it.
const shopDomain = v.pipe(safeString(), v.trim(), v.toLowerCase(), v.maxLength(253), v.regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::\d{1,5})?$/, 'must be a host name such as my-shop.myshopify.com'))

export const CreateConnectionSchema = v.strictObject({
  platform: v.picklist(PLATFORMS, 'must be stripe, shopify, square or woocommerce'),
  name: v.optional(name),
  signingSecret: v.optional(secret),
  shopDomain: v.optional(shopDomain),
  apiKey: v.optional(v.pipe(safeString(), v.trim(), v.minLength(1), v.maxLength(500))),
})

export const UpdateConnectionSchema = v.strictObject({
  name: v.optional(name),
  signingSecret: v.optional(secret),
})

export const DeliveriesQuerySchema = v.object({
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be a whole number from 1 to 100'), v.transform(Number), v.minValue(1, 'must be a whole number from 1 to 100'), v.maxValue(100, 'must be a whole number from 1 to 100')), '20'),
})
