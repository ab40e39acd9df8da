import { createI18n } from 'vue-i18n'
import { FALLBACK_LANGUAGE, LANGUAGES } from './languages'
import { pluralRules } from './plural'

/**
 * The app's one i18n instance (Composition API: `useI18n()` in components, `i18n.global.t` in plain
 * modules). It starts with no messages: each language's are loaded on demand (see messages.ts), English
 * too, before the first paint.
 */
export const i18n = createI18n({
  legacy: false,
  locale: FALLBACK_LANGUAGE,
  fallbackLocale: FALLBACK_LANGUAGE,
  messages: {},
  pluralRules: pluralRules(LANGUAGES),
  // Numbers, money and dates go through app/logic/format.ts (the store's currency and zone), not $n/$d.
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
})

/** For plain modules (stores, toasts, logic): the same translation function components get from useI18n. */
export const t = i18n.global.t
