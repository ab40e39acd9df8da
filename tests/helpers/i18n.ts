import type { ComponentMountingOptions } from '@vue/test-utils'
import type { Component } from 'vue'
import type { Language } from '../../app/i18n'
import { mount } from '@vue/test-utils'
import { i18n, i18nPlugin, LANGUAGES } from '../../app/i18n'
import { appLocale } from '../../app/i18n/locale'

// Every language's messages at once, synchronously: a component test mounts without waiting on the
// app's lazy loading (the app's loader is tested through the browser).
const files = import.meta.glob<Record<string, unknown>>('../../app/locales/*/*.json', { eager: true, import: 'default' })

for (const language of LANGUAGES) {
  const messages: Record<string, unknown> = {}
  for (const [path, content] of Object.entries(files)) {
    if (path.includes(`/locales/${language}/`))
      messages[path.slice(path.lastIndexOf('/') + 1, -'.json'.length)] = content
  }
  i18n.global.setLocaleMessage(language, messages as never)
}

/**
 * Puts the app's i18n (the same instance plain modules translate with) in a language, with the Intl
 * locale that goes with it: `useTestLanguage('de', 'de-DE')`. Tests start in English (`en-US`).
 */
export function useTestLanguage(language: Language, locale: string = language === 'en' ? 'en-US' : language): void {
  i18n.global.locale.value = language
  appLocale.value = locale
}

useTestLanguage('en')

/** The plugin list for `mount(…, { global: { plugins: [...i18nPlugins] } })`. */
export const i18nPlugins = [i18nPlugin] as const

/** `mount` with the app's i18n installed (and any plugins or options the test adds). */
export function mountWithI18n<T extends Component>(component: T, options: ComponentMountingOptions<T> = {} as ComponentMountingOptions<T>): ReturnType<typeof mount<T>> {
  const global = options.global ?? {}
  return mount(component, { ...options, global: { ...global, plugins: [...(global.plugins ?? []), i18nPlugin] } } as never) as ReturnType<typeof mount<T>>
}
