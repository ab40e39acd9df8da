import { describe, expect, it } from 'vitest'
import { balancedOrder } from '../../bench/lib/load-loop.mjs'

// The rounds of one design: n for an even number of sides, 2n for an odd one.
function design(sides: number): number[][] {
  return Array.from({ length: sides % 2 === 0 ? sides : 2 * sides }, (_, round) => balancedOrder(sides, round))
}

function count(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1)
  return counts
}

describe('balancedOrder (the turns of bench:webhooks\' loops)', () => {
  it.each([2, 3, 4, 5, 6])('with %i sides: each round runs every side once; over the design every side holds every position, and follows every other side, equally often', (sides) => {
    const rounds = design(sides)
    for (const row of rounds) expect([...row].sort()).toEqual(Array.from({ length: sides }, (_, side) => side))
    const positions = count(rounds.flatMap(row => row.map((side, position) => `${side}@${position}`)))
    expect(positions.size).toBe(sides * sides)
    expect(new Set(positions.values()).size).toBe(1)
    const follows = count(rounds.flatMap(row => row.slice(1).map((side, i) => `${row[i]}>${side}`)))
    expect(follows.size).toBe(sides * (sides - 1))
    expect(new Set(follows.values()).size).toBe(1)
  })

  it('four loops no longer keep one cyclic order: the last one does not always follow the third (as a rotation made it)', () => {
    const afterThird = design(4).filter(row => row.indexOf(3) === row.indexOf(2) + 1)
    expect(afterThird).toHaveLength(1)
  })
})
