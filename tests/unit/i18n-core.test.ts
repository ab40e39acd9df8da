// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { useI18n } from 'vue-i18n'
import { i18n, matchLanguage } from '../../app/i18n'
import { directionOf, formatLocaleFor } from '../../app/i18n/languages'
import { PLURAL_FORMS } from '../../app/i18n/plural'
import { compileMessageTree } from '../../vite.messages'
import { mountWithI18n, useTestLanguage } from '../helpers/i18n'

describe('language of the device', () => {
  it('takes the first of the device languages Pulse speaks, English otherwise', () => {
    expect(matchLanguage(['ca-ES', 'es-ES', 'en-US'])).toBe('es')
    expect(matchLanguage(['de-AT', 'fr'])).toBe('de')
    expect(matchLanguage(['AR-eg'])).toBe('ar')
    expect(matchLanguage(['ja-JP', 'zh'])).toBe('en')
    expect(matchLanguage([])).toBe('en')
  })

  it('formats in the device region of the chosen language, and Arabic reads right to left', () => {
    expect(formatLocaleFor('de', ['de-AT', 'en-US'])).toBe('de-AT')
    expect(formatLocaleFor('es', ['en-US'])).toBe('es')
    expect(directionOf('ar')).toBe('rtl')
    expect(directionOf('fr')).toBe('ltr')
  })
})

describe('plural forms', () => {
  // A message with one form per category, named after it, shows which form each count picks.
  function pick(language: 'en' | 'fr' | 'ar', count: number): string {
    i18n.global.mergeLocaleMessage(language, compileMessageTree({ test: { plural: PLURAL_FORMS[language].join(' | ') } }, language) as never)
    return i18n.global.t('test.plural', count, { locale: language })
  }

  it('uses each language\'s CLDR rule', () => {
    expect([0, 1, 2, 5].map(n => pick('en', n))).toEqual(['other', 'one', 'other', 'other'])
    // French counts 0 as singular: "0 commande".
    expect([0, 1, 2].map(n => pick('fr', n))).toEqual(['one', 'one', 'other'])
    expect([0, 1, 2, 3, 11, 100].map(n => pick('ar', n))).toEqual(['zero', 'one', 'two', 'few', 'many', 'other'])
  })
})

describe('mounting a component with i18n', () => {
  it('translates with the messages of the language in use', () => {
    const Label = defineComponent(() => {
      const { t } = useI18n()
      return () => h('span', t('language.label'))
    })
    expect(mountWithI18n(Label).text()).toBe('Language')
    useTestLanguage('de', 'de-DE')
    try {
      expect(mountWithI18n(Label).text()).toBe('Sprache')
    }
    finally {
      useTestLanguage('en')
    }
  })
})

describe('messages compiled by the build', () => {
  it('keeps plain text as text and fails on a message vue-i18n cannot read', () => {
    expect(compileMessageTree({ a: { b: 'Orders' } }, 'en/orders')).toEqual({ a: { b: 'Orders' } })
    expect(typeof (compileMessageTree({ n: '{count} orders' }, 'en/orders') as { n: unknown }).n).toBe('object')
    expect(() => compileMessageTree({ mail: 'Write to {name' }, 'en/auth')).toThrow(/en\/auth\.mail/)
  })

  it('translates a compiled message with parameters and the language\'s plural forms', () => {
    i18n.global.mergeLocaleMessage('de', compileMessageTree({ test: { orders: '{n} Bestellung | {n} Bestellungen' } }, 'de') as never)
    expect(i18n.global.t('test.orders', 1, { locale: 'de' })).toBe('1 Bestellung')
    expect(i18n.global.t('test.orders', 3, { locale: 'de' })).toBe('3 Bestellungen')
  })
})
