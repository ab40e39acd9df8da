import { RateLimited } from './types'

/** A platform may ask for a long pause; longer than this and the import fails (it can be resumed later). */
const MAX_WAIT_MS = 60_000
const DEFAULT_WAIT_MS = 1000
/** Rate-limited answers in a row before the import gives up. */
const MAX_ATTEMPTS = 6

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); missing or unreadable, a second. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number {
  if (!value)
    return DEFAULT_WAIT_MS
  if (/^\d+$/.test(value.trim()))
    return Number(value.trim()) * 1000
  const date = Date.parse(value)
  return Number.isFinite(date) ? Math.max(0, date - now) : DEFAULT_WAIT_MS
}

/** Runs `read`, waiting out each `RateLimited` for as long as the platform asked, up to a few times. */
export async function honourRetryAfter<T>(read: () => Promise<T>, beforeWait: () => Promise<void> = async () => {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read()
    }
    catch (error) {
      if (!(error instanceof RateLimited) || attempt >= MAX_ATTEMPTS || error.retryAfterMs > MAX_WAIT_MS)
        throw error
      await beforeWait()
      await new Promise(resolve => setTimeout(resolve, error.retryAfterMs))
    }
  }
}
