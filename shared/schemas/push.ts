// Request payloads of the Web Push routes.
import * as v from 'valibot'
import { safeString } from './api'

const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$/
const clock = v.pipe(v.string(), v.regex(CLOCK, 'must be a time of day as "HH:MM" (00:00–23:59)'))

function base64urlBytes(text: string): number {
  if (!/^[\w-]+={0,2}$/.test(text))
    return -1
  const length = text.replace(/=+$/, '').length
  return Math.floor(length * 3 / 4)
}

/** Alert preferences as sent: every field optional (POST fills defaults, PATCH merges). `null` clears an optional one. */
export const PushAlertsSchema = v.strictObject({
  newOrders: v.optional(v.boolean()),
  payments: v.optional(v.boolean()),
  minOrderCents: v.optional(v.nullable(v.pipe(v.number(), v.integer('must be whole minor units of the currency (cents, yen, fils)'), v.minValue(0), v.maxValue(100_000_000_000)))),
  pendingReminderMinutes: v.optional(v.nullable(v.pipe(v.number(), v.integer('must be whole minutes'), v.minValue(1), v.maxValue(10_080)))),
  dailySummaryAt: v.optional(v.nullable(clock)),
  quietHours: v.optional(v.nullable(v.pipe(
    v.strictObject({ from: clock, to: clock }),
    v.check(hours => hours.from !== hours.to, 'from and to must differ'),
  ))),
})

/** Whether a text is a well-formed BCP 47 language tag (`es`, `es-ES`, `zh-Hant-TW`). */
function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1
  }
  catch {
    return false
  }
}

/** The device's language as a BCP 47 tag, kept in its canonical form (`es-es` → `es-ES`). */
export const LocaleSchema = v.pipe(
  v.string(),
  v.maxLength(35),
  v.check(isLanguageTag, 'must be a BCP 47 language tag, e.g. "es-ES"'),
  v.transform(tag => Intl.getCanonicalLocales(tag)[0]),
)

export const PushSubscriptionSchema = v.object({
  endpoint: v.pipe(safeString(), v.minLength(1), v.maxLength(2048)),
  expirationTime: v.optional(v.nullable(v.number())),
  keys: v.object({
    p256dh: v.pipe(v.string(), v.check(key => base64urlBytes(key) === 65, 'must be a base64url P-256 public key (65 bytes)')),
    auth: v.pipe(v.string(), v.check(key => base64urlBytes(key) === 16, 'must be a base64url 16-byte secret')),
  }),
})

export const CreatePushSubscriptionSchema = v.strictObject({
  subscription: PushSubscriptionSchema,
  alerts: v.optional(PushAlertsSchema, {}),
  /** The language its pushes are written in; without it, English. */
  locale: v.optional(LocaleSchema),
})

/** A change of a device's alerts, its language, or both. */
export const UpdatePushSubscriptionSchema = v.pipe(
  v.strictObject({
    alerts: v.optional(PushAlertsSchema),
    locale: v.optional(LocaleSchema),
  }),
  v.check(body => body.alerts !== undefined || body.locale !== undefined, 'give alerts, locale or both'),
)

export type PushAlertsInput = v.InferOutput<typeof PushAlertsSchema>
