import type { PluralForms, PushTexts } from '~server/utils/push/locales/types'
import type { OrderCreatedEvent } from '~shared/types/api'
import { describe, expect, it } from 'vitest'
import { PUSH_LANGUAGES } from '~server/utils/push/locales'
import { newOrderPayload, reminderPayload } from '~server/utils/push/messages'
import { countText, voiceFor } from '~server/utils/push/voice'

/** Every leaf of a language's texts as `path → text` (plural forms as `path.category`). */
function leaves(value: unknown, path = ''): Map<string, string> {
  const found = new Map<string, string>()
  if (typeof value === 'string')
    return found.set(path, value)
  for (const [key, child] of Object.entries(value as object)) {
    for (const [leaf, text] of leaves(child, path ? `${path}.${key}` : key))
      found.set(leaf, text)
  }
  return found
}

/** The places (`{amount}`) a text fills. */
const places = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map(match => match[1]).sort()

const PLURALS = ['orders', 'waitingMinutes'] as const satisfies ReadonlyArray<keyof PushTexts>

describe('push texts in every language', () => {
  const english = leaves(PUSH_LANGUAGES.en)

  it('has English, Spanish, German, French and Arabic', () => {
    expect(Object.keys(PUSH_LANGUAGES).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr'])
  })

  for (const [language, texts] of Object.entries(PUSH_LANGUAGES)) {
    it(`${language}: every key, with the same places to fill, and every plural form the language has`, () => {
      const own = leaves(texts)
      const withoutPlurals = (keys: Map<string, string>) => [...keys.keys()].filter(key => !PLURALS.some(plural => key.startsWith(`${plural}.`))).sort()
      expect(withoutPlurals(own)).toEqual(withoutPlurals(english))
      for (const key of withoutPlurals(english)) {
        expect(own.get(key)!.trim(), `${language} ${key}`).not.toBe('')
        expect(places(own.get(key)!), `${language} ${key}`).toEqual(places(english.get(key)!))
      }
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories
      for (const plural of PLURALS) {
        const forms = texts[plural] as PluralForms
        expect(Object.keys(forms).sort(), `${language} ${plural}`).toEqual([...categories].sort())
      }
      if (language !== 'en')
        expect(own.get('testBody')).not.toBe(english.get('testBody'))
    })
  }

  it('counts in Arabic\'s six forms and in English\'s two', () => {
    const arabic = voiceFor('ar')
    expect([0, 1, 2, 3, 11, 100].map(n => countText(arabic, arabic.texts.orders, n))).toEqual(['لا طلبات', 'طلب واحد', 'طلبان', '3 طلبات', '11 طلبًا', '100 طلب'])
    const english = voiceFor('en-GB')
    expect([0, 1, 2].map(n => countText(english, english.texts.orders, n))).toEqual(['0 orders', '1 order', '2 orders'])
  })

  it('falls back to English (formatted as in the US) for a language it has no texts for, by the language prefix', () => {
    expect(voiceFor('ja-JP')).toEqual({ texts: PUSH_LANGUAGES.en, locale: 'en-US' })
    expect(voiceFor(null)).toEqual({ texts: PUSH_LANGUAGES.en, locale: 'en-US' })
    expect(voiceFor('es-MX')).toEqual({ texts: PUSH_LANGUAGES.es, locale: 'es-MX' })
    const order = { id: 'o1', number: 1042, totalCents: 123450, currency: 'USD', customerName: null } as OrderCreatedEvent['order']
    const event = { type: 'order_created', seq: 3, order } as OrderCreatedEvent
    expect(newOrderPayload(event, 'Shop', 'de-AT').title).toBe('Neue Bestellung Nr. 1042 — $\u00A01.234,50')
    expect(newOrderPayload(event, 'Shop', 'de-DE').title).toBe('Neue Bestellung Nr. 1042 — 1.234,50\u00A0$')
    expect(reminderPayload(event, 1, 'fr-FR').body).toBe('en attente depuis 1 minute')
    expect(reminderPayload(event, 5, 'fr-FR').body).toBe('en attente depuis 5 minutes')
  })
})
