import type { Plugin } from 'vue'
import { createI18n, Translation } from 'vue-i18n'
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

/**
 * Installs the i18n instance and `<i18n-t>` (a message with components in it). The build leaves out
 * vue-i18n's full install, which would also register `<i18n-n>`, `<i18n-d>` and `v-t`.
 */
export const i18nPlugin: Plugin = {
  install(app) {
    app.use(i18n)
    app.component('I18nT', Translation)
  },
}
