import type { PluralForms, PushTexts } from './locales/types'
import { formatMinor } from '~shared/money'
import { PUSH_LANGUAGES } from './locales'

/** How a device's pushes are written: its language's texts, and the locale that numbers and days are formatted in. */
export interface PushVoice { texts: PushTexts, locale: string }

const DEFAULT_LOCALE = 'en-US'
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>()

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(key: string, build: () => T): T {
  let format = formats.get(key) as T | undefined
  if (!format) {
    format = build()
    formats.set(key, format)
  }
  return format
}

/**
 * The voice of a device's locale (BCP 47, as the app sent it): `es-MX` is Spanish formatted as in Mexico;
 * a language Pulse has no texts for, or none stored, is English formatted as in the US.
 */
export function voiceFor(locale: string | null | undefined): PushVoice {
  const language = locale?.split('-')[0].toLowerCase() ?? ''
  const texts = PUSH_LANGUAGES[language]
  return texts ? { texts, locale: locale! } : { texts: PUSH_LANGUAGES.en, locale: DEFAULT_LOCALE }
}

/** A template with its `{name}` places filled. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
}

/** The form of `forms` that the language uses for `n` (Arabic has six), with `{n}` as the locale writes it. */
export function countText(voice: PushVoice, forms: PluralForms, n: number): string {
  const rule = cached(`plural ${voice.locale}`, () => new Intl.PluralRules(voice.locale)).select(n)
  return fill(forms[rule] ?? forms.other, { n: cached(`count ${voice.locale}`, () => new Intl.NumberFormat(voice.locale)).format(n) })
}

/** Minor units as money in the store's currency, written as the device's locale writes it (`1.234,50 $` in German). */
export function moneyText(voice: PushVoice, minor: number, currency: string): string {
  return formatMinor(minor, currency, voice.locale)
}

/** A whole percentage with its sign (`+12%`, `-3 %`). */
export function percentText(voice: PushVoice, percent: number): string {
  return cached(`percent ${voice.locale}`, () => new Intl.NumberFormat(voice.locale, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 0 })).format(percent / 100)
}

/** The day of the week of an instant in the store's time zone, in the device's language. */
export function weekdayText(voice: PushVoice, at: number, timeZone: string): string {
  return cached(`weekday ${voice.locale} ${timeZone}`, () => new Intl.DateTimeFormat(voice.locale, { weekday: 'long', timeZone })).format(at)
}
