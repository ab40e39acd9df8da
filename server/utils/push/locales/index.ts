import type { PushTexts } from './types'
import { ar } from './ar'
import { de } from './de'
import { en } from './en'
import { es } from './es'
import { fr } from './fr'

/** The languages pushes are written in; any other falls back to English. */
export const PUSH_LANGUAGES: Record<string, PushTexts> = { en, es, de, fr, ar }
