import type { Language } from './languages'
import { i18n } from './i18n'

type Messages = Record<string, unknown>

/**
 * Every message file, loaded on demand: `app/locales/<lang>/<domain>.json` holds the keys of one domain
 * without the domain's name (`orders.json`: `{ "list": { "title": … } }` is `orders.list.title`). The build
 * puts each language's files in one chunk of their own (vite.config.ts), so a device downloads its own
 * language only.
 */
const files = import.meta.glob<Messages>('../locales/*/*.json', { import: 'default' })

const loads = new Map<Language, Promise<void>>()

function domainOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1, -'.json'.length)
}

async function fetchLanguage(language: Language): Promise<void> {
  const prefix = `../locales/${language}/`
  const entries = Object.entries(files).filter(([path]) => path.startsWith(prefix))
  const contents = await Promise.all(entries.map(([, load]) => load()))
  const messages: Messages = {}
  entries.forEach(([path], index) => {
    messages[domainOf(path)] = contents[index]
  })
  i18n.global.setLocaleMessage(language, messages as never)
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
