// Request payloads, one schema each; the server validates with them and the client can reuse them.
import * as v from 'valibot'
import { API_KEY_SCOPES, MEMBER_ROLES, ORDER_FILTERS, ORDER_STATUSES, PAYMENT_METHODS } from '../domain'

// NUL (PostgreSQL text cannot hold it) and UTF-16 halves without their pair (no UTF-8 form exists).
const UNSAFE_TEXT = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether a string can be stored and sent back as is, the same on every database. */
export function isSafeText(text: string): boolean {
  return !UNSAFE_TEXT.test(text)
}

/** The message of an unsafe-text issue: the server answers it as 400 `invalid_text`. */
export const INVALID_TEXT_MESSAGE = 'must not contain NUL characters or unpaired surrogates'

/** A string that every backend stores as is: every text field of a request starts with it. */
export const safeString = () => v.pipe(v.string(), v.check(isSafeText, INVALID_TEXT_MESSAGE))
const trimmed = (max: number) => v.pipe(safeString(), v.trim(), v.minLength(1), v.maxLength(max))
const optionalText = (max: number) => v.optional(v.nullable(v.pipe(safeString(), v.trim(), v.maxLength(max))))

/**
 * The largest order total, in minor units (10^10: 100 million dollars, or 10 billion yen). Store sums stay
 * exact doubles (below 2^53) for the first 900,000 orders of this size.
 */
export const MAX_ORDER_TOTAL_CENTS = 10_000_000_000

export function isTimeZone(zone: string): boolean {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone.length > 0
  }
  catch {
    return false
  }
}

export const EmailSchema = v.pipe(safeString(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email('must be an email address'))

const storeTimeZone = v.optional(v.pipe(safeString(), v.maxLength(64), v.check(isTimeZone, 'must be an IANA time zone')), 'UTC')
const storeCurrency = v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code')), 'USD')

export const RegisterSchema = v.strictObject({
  email: EmailSchema,
  password: v.pipe(safeString(), v.minLength(8, 'must be at least 8 characters'), v.maxLength(256)),
  storeName: trimmed(100),
  timeZone: storeTimeZone,
  currency: storeCurrency,
})

/** POST /stores: a store of the signed-in person's own, with the same fields as at registration. */
export const CreateStoreSchema = v.strictObject({
  name: trimmed(100),
  timeZone: storeTimeZone,
  currency: storeCurrency,
})

export const SwitchStoreSchema = v.strictObject({
  storeId: v.pipe(v.string(), v.uuid('must be a store id')),
})

export const LoginSchema = v.strictObject({
  email: EmailSchema,
  password: v.pipe(safeString(), v.minLength(1), v.maxLength(256)),
})

export const OrderItemSchema = v.strictObject({
  name: trimmed(200),
  sku: optionalText(64),
  quantity: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1), v.maxValue(10_000)),
  unitPriceCents: v.pipe(v.number(), v.integer('must be whole minor units of the currency (cents, yen, fils)'), v.minValue(0), v.maxValue(100_000_000)),
})

function orderTotal(items: Array<{ quantity: number, unitPriceCents: number }>): number {
  return items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0)
}

export const CreateOrderSchema = v.strictObject({
  items: v.pipe(
    v.array(OrderItemSchema),
    v.minLength(1, 'needs at least one item'),
    v.maxLength(200, 'allows at most 200 items'),
    v.check(items => orderTotal(items) <= MAX_ORDER_TOTAL_CENTS, `must total at most ${MAX_ORDER_TOTAL_CENTS} cents`),
  ),
  customerName: optionalText(200),
  note: optionalText(1000),
  // A till posting a sale it has already taken payment for: the order is made paid, in one request.
  paidWith: v.optional(v.picklist(PAYMENT_METHODS, 'must be card, cash or other')),
})

export const UpdateOrderSchema = v.strictObject({
  status: v.picklist(ORDER_STATUSES, 'must be one of pending, paid, fulfilled, cancelled, refunded'),
})

export const CreatePaymentSchema = v.strictObject({
  amountCents: v.pipe(v.number(), v.integer('must be whole minor units of the currency (cents, yen, fils)'), v.minValue(1, 'must be greater than 0'), v.maxValue(MAX_ORDER_TOTAL_CENTS)),
  method: v.picklist(PAYMENT_METHODS, 'must be card, cash or other'),
})

/** A whole-number query parameter from 1 to `max`, `fallback` when absent. */
export function limitParam(max: number, fallback: number) {
  return v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'must be a whole number'), v.transform(Number), v.minValue(1), v.maxValue(max)),
    String(fallback),
  )
}

const instantParam = v.optional(v.pipe(v.string(), v.maxLength(40), v.check(text => /^\d{4}-\d\d-\d\dT/.test(text) && !Number.isNaN(Date.parse(text)), 'must be an ISO 8601 instant, e.g. 2026-12-01T00:00:00Z'), v.transform(text => new Date(text).toISOString())))

export const ListOrdersQuerySchema = v.pipe(
  v.object({
    status: v.optional(v.picklist(ORDER_FILTERS, 'must be one of pending, part_paid, paid, fulfilled, cancelled, refunded')),
    limit: limitParam(100, 20),
    cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'is not a cursor from this API'), v.transform(Number))),
    q: v.optional(v.pipe(safeString(), v.trim(), v.maxLength(100, 'must be at most 100 characters'))),
    from: instantParam,
    to: instantParam,
  }),
  v.check(query => !query.from || !query.to || query.from < query.to, 'from must be before to'),
)

export const CreateRefundSchema = v.strictObject({
  amountCents: v.pipe(v.number('must be a number of minor units of the currency'), v.integer('must be whole minor units of the currency (cents, yen, fils)'), v.minValue(1, 'must be greater than 0'), v.maxValue(MAX_ORDER_TOTAL_CENTS)),
  reason: optionalText(200),
})

const productName = trimmed(100)
const productPrice = v.pipe(v.number('must be a number of minor units of the currency'), v.integer('must be whole minor units of the currency (cents, yen, fils)'), v.minValue(0, 'must be 0 or more'), v.maxValue(100_000_000))

export const CreateProductSchema = v.strictObject({
  name: productName,
  sku: optionalText(64),
  priceCents: productPrice,
  category: optionalText(50),
  archived: v.optional(v.boolean('must be true or false'), false),
})

/** Any of a product's fields; `position` moves it to that place in the catalogue (0 is first). */
export const UpdateProductSchema = v.pipe(
  v.strictObject({
    name: v.optional(productName),
    sku: optionalText(64),
    priceCents: v.optional(productPrice),
    category: optionalText(50),
    archived: v.optional(v.boolean('must be true or false')),
    position: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more'), v.maxValue(10_000))),
  }),
  v.check(patch => Object.keys(patch).length > 0, 'needs at least one field to change'),
)

// Team, devices, API keys.

export const ChangeRoleSchema = v.strictObject({
  role: v.picklist(MEMBER_ROLES, 'must be owner, manager or staff'),
})

export const CreateInvitationSchema = v.strictObject({
  role: v.picklist(MEMBER_ROLES, 'must be owner, manager or staff'),
  email: v.optional(v.nullable(EmailSchema)),
})

const invitationToken = v.pipe(v.string(), v.regex(/^[\w-]{20,100}$/, 'is not an invitation token'))

export const InvitationPreviewSchema = v.strictObject({ token: invitationToken })

export const AcceptInvitationSchema = v.strictObject({
  token: invitationToken,
  email: v.optional(EmailSchema),
  password: v.optional(v.pipe(safeString(), v.minLength(8, 'must be at least 8 characters'), v.maxLength(256))),
})

export const CreatePairingCodeSchema = v.strictObject({
  name: optionalText(100),
})

export const PairSchema = v.strictObject({
  // Typed by people: spaces, dashes and lower case are forgiven.
  code: v.pipe(v.string(), v.maxLength(32), v.transform(code => code.replace(/[\s-]/g, '').toUpperCase()), v.regex(/^[2-9A-HJ-NP-Z]{8}$/, 'must be the 8-character pairing code')),
  // What the tablet was called where it stands; optional (then the name given with the code).
  deviceName: optionalText(100),
})

export const CreateApiKeySchema = v.strictObject({
  name: trimmed(100),
  scopes: v.pipe(v.array(v.picklist(API_KEY_SCOPES, 'must be orders:write, orders:read, analytics:read or events:read')), v.minLength(1, 'needs at least one scope'), v.maxLength(4)),
})
