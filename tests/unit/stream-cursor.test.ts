import { describe, expect, it } from 'vitest'
import { cursorAround, decodeCursor, encodeCursor } from '~shared/stream-cursor'

const IDS = ['c0ffee00-0000-4000-8000-000000000003', '1f3a09c2-0000-4000-8000-000000000001', '8b0e44d1-0000-4000-8000-000000000002']

describe('the cursor of a stream over several stores', () => {
  it('is every store\'s key and seq in key order', () => {
    const positions = new Map([[IDS[0], 0], [IDS[1], 120], [IDS[2], 37]])
    expect(encodeCursor(positions)).toBe('m1_1f3a09c2.120_8b0e44d1.37_c0ffee00.0')
    expect(decodeCursor(encodeCursor(positions), IDS)).toEqual(positions)
  })

  it('around a store, is the same string once that store is at a seq: first, middle and last store alike', () => {
    const positions = new Map([[IDS[0], 5], [IDS[1], 120], [IDS[2], 37]])
    for (const storeId of IDS) {
      const [before, after] = cursorAround(positions, storeId)
      for (const seq of [0, 38, 123_456]) {
        positions.set(storeId, seq)
        expect(`${before}${seq}${after}`).toBe(encodeCursor(positions))
      }
    }
    const one = new Map([[IDS[2], 9]])
    expect(cursorAround(one, IDS[2])).toEqual(['m1_8b0e44d1.', ''])
  })
})
