import { createHmac, timingSafeEqual } from 'node:crypto'

/** Whether `given` is the base64 HMAC-SHA256 of `data` under `secret`, compared in constant time. */
export function isBase64HmacSha256(secret: string, data: Buffer | string, given: string | null): boolean {
  if (!given)
    return false
  const expected = createHmac('sha256', secret).update(data).digest()
  const actual = Buffer.from(given.trim(), 'base64')
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
