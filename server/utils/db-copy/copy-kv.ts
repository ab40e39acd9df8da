import type { Storage } from 'unstorage'

export interface KvCopy { keys: number, copied: number, expired: number }

function expiresAtOf(value: unknown): number | undefined {
  const at = (value as { expiresAt?: unknown } | null)?.expiresAt
  return typeof at === 'string' ? Date.parse(at) : undefined
}

/**
 * Copies every key of one key-value store into another. Files keep no TTL, so a key's expiry is read
 * from its value (`expiresAt`, as sessions have) or from the session it belongs to (`…:<session id>`),
 * so that copied sessions still end when they would have; keys already expired are left behind.
 */
export async function copyKv(from: Storage, to: Storage, now = Date.now()): Promise<KvCopy> {
  const keys = await from.getKeys()
  let copied = 0
  let expired = 0
  for (const key of keys) {
    const value = await from.getItem(key)
    if (value === null)
      continue
    const expiresAt = expiresAtOf(value) ?? expiresAtOf(await from.getItem(`sessions:${key.split(':').at(-1)}`))
    if (expiresAt !== undefined && expiresAt <= now) {
      expired++
      continue
    }
    await to.setItem(key, value, expiresAt === undefined ? undefined : { ttl: Math.ceil((expiresAt - now) / 1000) })
    copied++
  }
  return { keys: keys.length, copied, expired }
}
