import { useConnection } from '../../db/connection'
import { useRedis } from '../../storage/kv'

export interface Attempt {
  /** Attempts in the current window, this one included. */
  count: number
  /** Epoch milliseconds at which the window ends. */
  resetAt: number
}

// INCR and the window's expiry in one script: a counter can never be left without an expiry, and
// concurrent attempts each see their own count.
const REDIS_COUNT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {n, ttl}
`
const REDIS_REFUND = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then return redis.call('DECR', KEYS[1]) end
return 0
`

let sinceSweep = 0
const SWEEP_EVERY = 500

/**
 * Counts one attempt under `key` in a fixed window of `windowMs` and returns the count, atomically
 * on every backend (Redis script, or one SQL upsert on SQLite and PostgreSQL): the count is taken
 * before the attempt is judged, so concurrent attempts can never all see a count below the limit.
 */
export async function countAttempt(key: string, windowMs: number): Promise<Attempt> {
  const now = Date.now()
  const redis = await useRedis()
  if (redis) {
    const [count, ttl] = await redis.client.eval(REDIS_COUNT, 1, `${redis.prefix}:attempts:${key}`, String(windowMs)) as [number, number]
    return { count, resetAt: now + ttl }
  }
  const { db } = await useConnection()
  const row = await db.insertInto('rate_counters')
    .values({ key, count: 1, reset_at: now + windowMs })
    .onConflict(oc => oc.column('key').doUpdateSet(eb => ({
      count: eb.case().when('rate_counters.reset_at', '<=', now).then(1).else(eb('rate_counters.count', '+', 1)).end(),
      reset_at: eb.case().when('rate_counters.reset_at', '<=', now).then(eb.ref('excluded.reset_at')).else(eb.ref('rate_counters.reset_at')).end(),
    })))
    .returning(['count', 'reset_at'])
    .executeTakeFirstOrThrow()
  if (++sinceSweep >= SWEEP_EVERY) {
    sinceSweep = 0
    await db.deleteFrom('rate_counters').where('reset_at', '<=', now).execute()
  }
  return { count: Number(row.count), resetAt: Number(row.reset_at) }
}

/** Gives back one attempt counted under `key` (an attempt that turned out fine). */
export async function refundAttempt(key: string): Promise<void> {
  const redis = await useRedis()
  if (redis) {
    await redis.client.eval(REDIS_REFUND, 1, `${redis.prefix}:attempts:${key}`)
    return
  }
  const { db } = await useConnection()
  await db.updateTable('rate_counters').set(eb => ({ count: eb('count', '-', 1) })).where('key', '=', key).where('count', '>', 0).execute()
}

/** The attempts counted under `key` in its current window, without counting one. */
export async function readAttempt(key: string): Promise<Attempt> {
  const now = Date.now()
  const redis = await useRedis()
  if (redis) {
    const fullKey = `${redis.prefix}:attempts:${key}`
    const [count, ttl] = await Promise.all([redis.client.get(fullKey), redis.client.pttl(fullKey)])
    return { count: Number(count ?? 0), resetAt: now + Math.max(ttl, 0) }
  }
  const { db } = await useConnection()
  const row = await db.selectFrom('rate_counters').select(['count', 'reset_at']).where('key', '=', key).where('reset_at', '>', now).executeTakeFirst()
  return { count: Number(row?.count ?? 0), resetAt: Number(row?.reset_at ?? now) }
}

/** Forgets every attempt counted under `key` in its window. */
export async function clearAttempts(key: string): Promise<void> {
  const redis = await useRedis()
  if (redis) {
    await redis.client.del(`${redis.prefix}:attempts:${key}`)
    return
  }
  const { db } = await useConnection()
  await db.deleteFrom('rate_counters').where('key', '=', key).execute()
}
