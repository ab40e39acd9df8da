import { createHash, randomBytes, randomInt } from 'node:crypto'
import { PAIRING_ALPHABET } from '~shared/domain'

/** The only form in which session tokens, invitation tokens, pairing codes and API keys are stored. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
// 62^43 > 2^256: every 256-bit value fits in 43 digits.
const BASE62_DIGITS = 43

/** `bytes` random bytes as fixed-width base62 (43 characters for 32 bytes). */
export function randomBase62(bytes = 32): string {
  let value = BigInt(`0x${randomBytes(bytes).toString('hex')}`)
  let out = ''
  for (let i = 0; i < BASE62_DIGITS; i++) {
    out = BASE62[Number(value % 62n)] + out
    value /= 62n
  }
  return out
}

/** A 256-bit token for URLs' fragments and JSON (base64url). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url')
}

/** 8 characters from 32 that cannot be confused (no 0/O, 1/I): 40 bits, typed on a tablet. */
export function randomPairingCode(): string {
  let code = ''
  for (let i = 0; i < 8; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)]
  return code
}
