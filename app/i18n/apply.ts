import type { LanguageChoice } from './choice'
import type { Language } from './languages'
import { shallowRef } from 'vue'
import { i18n } from './i18n'
import { directionOf, FALLBACK_LANGUAGE, formatLocaleFor, matchLanguage } from './languages'
import { appLocale } from './locale'
import { loadMessages } from './messages'

function deviceLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages?.length ? navigator.languages : [navigator.language])
}

/** The language a choice means on this device. */
export function resolveLanguage(choice: LanguageChoice): Language {
  return choice === 'device' ? matchLanguage(deviceLanguages()) : choice
}

/** The language the interface is in now (after its messages loaded). */
export const currentLanguage = shallowRef<Language>(FALLBACK_LANGUAGE)

/**
 * Shows the interface in a language: loads its messages (and English's, which fills any key a translation
 * lacks), then switches the messages, the Intl formats (appLocale) and `<html lang dir>` together, so that
 * no frame mixes two languages.
 */
export async function applyLanguage(language: Language): Promise<void> {
  await Promise.all([loadMessages(language), loadMessages(FALLBACK_LANGUAGE)])
  const locale = formatLocaleFor(language, deviceLanguages())
  i18n.global.locale.value = language
  appLocale.value = locale
  currentLanguage.value = language
  document.documentElement.lang = locale
  document.documentElement.dir = directionOf(language)
  document.querySelector('meta[name="description"]')?.setAttribute('content', i18n.global.t('language.manifest.description'))
}
