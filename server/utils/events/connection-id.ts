import { randomFillSync } from 'node:crypto'

const IDS_PER_FILL = 256
const HEX = '0123456789abcdef'
// Where each of a UUID's 16 bytes goes in its text (two hex digits each), around the four dashes.
const OFFSETS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34]

const random = Buffer.alloc(16 * IDS_PER_FILL)
let used = IDS_PER_FILL
const text = Buffer.from('00000000-0000-0000-0000-000000000000', 'latin1')

/**
 * A random (version 4) UUID, as crypto.randomUUID makes it, for a stream's connection id: written into
 * one Buffer and read out as one string, where randomUUID joins its text from sixteen pieces (a connect
 * storm makes thousands at once). The random bytes come from the same CSPRNG, drawn 256 ids at a time.
 */
export function newConnectionId(): string {
  if (used === IDS_PER_FILL) {
    randomFillSync(random)
    used = 0
  }
  const start = used++ * 16
  for (let i = 0; i < 16; i++) {
    let byte = random[start + i]
    if (i === 6)
      byte = (byte & 0x0F) | 0x40
    else if (i === 8)
      byte = (byte & 0x3F) | 0x80
    text[OFFSETS[i]] = HEX.charCodeAt(byte >> 4)
    text[OFFSETS[i] + 1] = HEX.charCodeAt(byte & 0x0F)
  }
  return text.toString('latin1', 0, 36)
}
