/** The languages Pulse is translated into; English is the fallback for any other device language. */
export const LANGUAGES = ['en', 'es', 'de', 'fr', 'ar'] as const
export type Language = typeof LANGUAGES[number]

export const FALLBACK_LANGUAGE: Language = 'en'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** The primary subtag of a BCP 47 tag, lower case: `es-MX` → `es`. */
function primaryOf(tag: string): string {
  return tag.split(/[-_]/)[0]!.toLowerCase()
}

/**
 * The first of the device's languages (in its order of preference) that Pulse speaks: a phone set to
 * Catalan then Spanish gets Spanish. English when none matches.
 */
export function matchLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = primaryOf(tag)
    if (isLanguage(primary))
      return primary
  }
  return FALLBACK_LANGUAGE
}

/**
 * The tag numbers, money and dates are formatted in: the device's own regional tag when it is of the
 * chosen language (`de-AT` keeps Austria's conventions, `es-MX` Mexico's), the bare language otherwise.
 */
export function formatLocaleFor(language: Language, preferred: readonly string[]): string {
  return preferred.find(tag => primaryOf(tag) === language && isValidTag(tag)) ?? language
}

function isValidTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1
  }
  catch {
    return false
  }
}

export function directionOf(language: Language): 'ltr' | 'rtl' {
  return language === 'ar' ? 'rtl' : 'ltr'
}
