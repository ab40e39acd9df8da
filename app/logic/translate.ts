/**
 * The translation function pure logic takes from its caller (a component's `useI18n().t`, or the app's
 * `t` in plain modules), so that the logic stays free of the i18n instance and testable in any language.
 */
export type Translate = (key: string, named?: Record<string, unknown>, plural?: number) => string
