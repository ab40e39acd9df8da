/** A small seeded generator (mulberry32): the same seed gives the same data on every machine. */
export function createRandom(seed: number): () => number
