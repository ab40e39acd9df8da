export { createRandom } from '~shared/seeded-random.mjs'

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]
}
