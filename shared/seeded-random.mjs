// Plain JavaScript so that the benchmarks (run by `node`) and the server share one generator.

/** A small seeded generator (mulberry32): the same seed gives the same data on every machine. */
export function createRandom(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6D2B79F5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
