import type { PluralizationRule } from 'vue-i18n'
import type { Language } from './languages'

/**
 * The plural forms a message of each language lists, in order, separated by `|`: `one | other` for
 * English, Spanish, German and French; Arabic's six CLDR forms for Arabic.
 */
export const PLURAL_FORMS: Record<Language, readonly Intl.LDMLPluralRule[]> = {
  en: ['one', 'other'],
  es: ['one', 'other'],
  de: ['one', 'other'],
  fr: ['one', 'other'],
  ar: ['zero', 'one', 'two', 'few', 'many', 'other'],
}

/**
 * Picks a message's form by the language's CLDR rule (`Intl.PluralRules`), not vue-i18n's English-only
 * default: French says `0 commande`, Arabic has forms for 2 and for 3–10. A category a language's messages
 * do not list (Spanish and French `many` for a million) takes `other`, the last form.
 */
function ruleFor(language: Language): PluralizationRule {
  const forms = PLURAL_FORMS[language]
  const rules = new Intl.PluralRules(language)
  return (choice, choicesLength) => {
    const index = forms.indexOf(rules.select(Math.abs(choice)))
    const form = index === -1 ? forms.length - 1 : index
    return Math.min(form, choicesLength - 1)
  }
}

export function pluralRules(languages: readonly Language[]): Record<string, PluralizationRule> {
  return Object.fromEntries(languages.map(language => [language, ruleFor(language)]))
}
