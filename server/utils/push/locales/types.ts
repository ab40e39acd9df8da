/** A text that depends on a count, one form per plural category of the language (CLDR, Intl.PluralRules). */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }

/**
 * Everything a push says, in one language. `{name}` marks where a value goes: numbers, money and days come
 * formatted in the device's locale, with the store's currency and time zone.
 */
export interface PushTexts {
  /** `{number}` `{amount}` */
  newOrderTitle: string
  /** `{amount}` `{method}` */
  paymentTitle: string
  /** `{number}`: the order a payment belongs to, in the body. */
  orderNumber: string
  method: { card: string, cash: string, other: string }
  /** `{number}` `{amount}` */
  reminderTitle: string
  /** `{n}` minutes an order has waited. */
  waitingMinutes: PluralForms
  testTitle: string
  testBody: string
  /** `{store}` `{amount}` `{orders}` */
  summaryTitle: string
  /** `{n}` orders. */
  orders: PluralForms
  /** `{change}` (a signed percentage), `{weekday}`, and that day's `{amount}` and `{orders}`. */
  summaryChange: string
  /** `{weekday}` `{amount}` `{orders}`: the same as a week before. */
  summarySame: string
  /** `{weekday}` `{amount}` `{orders}`: nothing collected a week before. */
  summaryFromNothing: string
}
