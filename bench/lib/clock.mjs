import { performance } from 'node:perf_hooks'

/**
 * Wall-clock milliseconds with sub-millisecond resolution: `performance.timeOrigin + performance.now()`.
 * Every process on one machine derives `timeOrigin` from the same system clock, so values taken in two
 * processes (or in Node and in Chromium) can be subtracted; `Date.now()` would agree too but only to 1 ms.
 */
export function now() {
  return performance.timeOrigin + performance.now()
}

export function sleep(ms) {
  return new Promise(resolve => setTimeout(resolve, ms))
}
