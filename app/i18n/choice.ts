import type { Language } from './languages'
import { isLanguage } from './languages'

const KEY = 'pulse:language'

/** What this device chose in Settings: a language, or `device` to follow the device's languages. */
export type LanguageChoice = Language | 'device'

export function readLanguageChoice(): LanguageChoice {
  try {
    const saved = localStorage.getItem(KEY)
    return isLanguage(saved) ? saved : 'device'
  }
  catch {
    return 'device'
  }
}

export function saveLanguageChoice(choice: LanguageChoice): void {
  try {
    if (choice === 'device')
      localStorage.removeItem(KEY)
    else
      localStorage.setItem(KEY, choice)
  }
  catch {
    // Storage refused (private mode, full): the choice holds for this page load only.
  }
}
