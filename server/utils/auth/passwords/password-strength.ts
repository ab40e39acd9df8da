import type { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { createApiError } from '../../http/errors'

// zxcvbn scores 0 (a top-list password) to 4. Below 2 means "guessable within about 10^6 guesses":
// the common-password list, keyboard walks, repeats, sequences, dates and words with l33t or a digit
// appended all land there, which is NIST 800-63B's "known, expected or compromised" list; longer
// passphrases of ordinary words ("correct horse") score 3 and pass, as NIST wants.
const MIN_SCORE = 2
// zxcvbn's matching grows with length; past this many characters the prefix decides.
const CHECKED_LENGTH = 100

let factory: Promise<ZxcvbnFactory> | undefined

// The dictionaries are megabytes: loaded on the first registration, not at start.
async function loadFactory(): Promise<ZxcvbnFactory> {
  const [core, common, en] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')])
  return new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  })
}

/** Throws 400 `weak_password` for a common, breached or easily guessed password (also one made of the account's own email or store name). */
export async function assertStrongPassword(password: string, userInputs: string[]): Promise<void> {
  factory ??= loadFactory()
  const result = await (await factory).check(password.slice(0, CHECKED_LENGTH), userInputs)
  if (result.score >= MIN_SCORE)
    return
  const reason = result.feedback.warning ? ` ${result.feedback.warning}` : ''
  throw createApiError('weak_password', `This password is too easy to guess.${reason} Use a longer phrase of unrelated words.`)
}
