import { createApiError } from '../../http/errors'

// scrypt runs on libuv's pool of 4 threads. New password hashes (registrations) take at most two of
// them, so that sign-ins, whose hashes are limited by the sign-in rate limit, always find a thread.
const CONCURRENT_HASHES = 2
// Past this many waiting, a new hash is refused rather than queued for seconds.
const MAX_WAITING = 32

let running = 0
const waiting: Array<() => void> = []

/** Runs `hash` when a slot is free; 503 `busy` with Retry-After when the queue is full. */
export async function inHashQueue<T>(hash: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENT_HASHES) {
    if (waiting.length >= MAX_WAITING)
      throw createApiError('busy', undefined, { 'retry-after': '5' })
    await new Promise<void>(resolve => waiting.push(resolve))
  }
  else {
    running++
  }
  try {
    return await hash()
  }
  finally {
    const next = waiting.shift()
    if (next)
      next()
    else
      running--
  }
}
