import type { Language } from '../../app/i18n'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { baseCompile } from '@intlify/message-compiler'
import { describe, expect, it } from 'vitest'
import { LANGUAGES } from '../../app/i18n'
import { PLURAL_FORMS } from '../../app/i18n/plural'

const ROOT = join(import.meta.dirname, '../..')
const LOCALES = join(ROOT, 'app/locales')

interface Tree { [key: string]: string | Tree }

/** Every message of a language as `domain.path.key` → text, read from its files. */
function messagesOf(language: Language): Map<string, string> {
  const messages = new Map<string, string>()
  const walk = (tree: Tree, prefix: string) => {
    for (const [key, value] of Object.entries(tree)) {
      if (typeof value === 'string')
        messages.set(`${prefix}${key}`, value)
      else
        walk(value, `${prefix}${key}.`)
    }
  }
  for (const file of readdirSync(join(LOCALES, language)).filter(name => name.endsWith('.json')))
    walk(JSON.parse(readFileSync(join(LOCALES, language, file), 'utf8')) as Tree, `${file.slice(0, -'.json'.length)}.`)
  return messages
}

/** A message's plural forms (vue-i18n's `|`; a `|` inside a `{'|'}` literal is not a separator). */
function formsOf(message: string): string[] {
  return message.replace(/\{'[^']*'\}/g, literal => literal.replace(/\|/g, '\u0000')).split('|').map(form => form.replace(/\0/g, '|'))
}

/** The named parameters a message uses in any of its forms (`{name}`), sorted. */
function parametersOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*(\w+)\s*\}/g)].map(match => match[1]))].sort()
}

const english = messagesOf('en')
const others = LANGUAGES.filter(language => language !== 'en')

describe('message files', () => {
  it('english has the domains the app uses, with messages in each', () => {
    expect(english.size).toBeGreaterThan(400)
    for (const domain of ['common', 'labels', 'errors', 'orders', 'analytics', 'settings'])
      expect([...english.keys()].some(key => key.startsWith(`${domain}.`)), domain).toBe(true)
  })

  it.each(others)('%s has every key of English and no other', (language) => {
    const keys = [...messagesOf(language).keys()]
    expect(keys.filter(key => !english.has(key)), 'keys English does not have').toEqual([])
    expect([...english.keys()].filter(key => !keys.includes(key)), 'keys missing').toEqual([])
  })

  it.each(others)('%s uses the same parameters as English in every message', (language) => {
    const wrong = [...messagesOf(language)]
      .filter(([key, text]) => english.has(key) && parametersOf(text).join() !== parametersOf(english.get(key)!).join())
      .map(([key, text]) => `${key}: ${parametersOf(text).join()} (English: ${parametersOf(english.get(key)!).join()})`)
    expect(wrong).toEqual([])
  })

  it.each(LANGUAGES)('%s has the plural forms its rules pick from, and only in plural messages', (language) => {
    const wrong: string[] = []
    for (const [key, text] of messagesOf(language)) {
      const plural = formsOf(english.get(key) ?? text).length > 1
      const expected = plural ? PLURAL_FORMS[language].length : 1
      const forms = formsOf(text)
      if (forms.length !== expected || forms.some(form => !form.trim()))
        wrong.push(`${key}: ${forms.length} forms, ${expected} expected`)
    }
    expect(wrong).toEqual([])
  })

  it.each(LANGUAGES)('%s messages all compile (no stray @, {, } or |)', (language) => {
    const broken: string[] = []
    for (const [key, text] of messagesOf(language)) {
      baseCompile(text, { onError: error => broken.push(`${key}: ${error.message}`) })
    }
    expect(broken).toEqual([])
  })

  it('every key the app names literally exists in English', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name !== 'locales')
          walk(join(dir, entry.name))
        else if (/\.(?:vue|ts)$/.test(entry.name))
          files.push(join(dir, entry.name))
      }
    }
    walk(join(ROOT, 'app'))
    const missing: string[] = []
    for (const file of files) {
      const source = readFileSync(file, 'utf8')
      for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z]+\.[\w.-]+)'|keypath="([\w.-]+)"/g)) {
        const key = match[1] ?? match[2]
        if (!english.has(key))
          missing.push(`${relative(ROOT, file)}: ${key}`)
      }
    }
    expect(missing).toEqual([])
  })
})
