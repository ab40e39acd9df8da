import type { Language } from './languages'
import messageUrls from 'virtual:pulse-messages'
import { i18n } from './i18n'

/**
 * Each language's messages, fetched on demand as one JSON file (built from `app/locales/<lang>/*.json`
 * by vite.messages.ts, compiled, every domain under its file's name: `orders.json`'s `list.title` is
 * `orders.list.title`). A device downloads its own language only; the service worker keeps all of them
 * for offline use.
 */
const loads = new Map<Language, Promise<void>>()

async function fetchLanguage(language: Language): Promise<void> {
  const response = await fetch(messageUrls[language]!)
  if (!response.ok)
    throw new Error(`messages of ${language}: HTTP ${response.status}`)
  i18n.global.setLocaleMessage(language, await response.json())
}

/** Loads a language's messages once (a failed load is tried again by the next call). */
export function loadMessages(language: Language): Promise<void> {
  let load = loads.get(language)
  if (!load) {
    load = fetchLanguage(language).catch((error: unknown) => {
      loads.delete(language)
      throw error
    })
    loads.set(language, load)
  }
  return load
}
