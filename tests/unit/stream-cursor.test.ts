import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, isCursor } from '~shared/stream-cursor'

const IDS = ['c0ffee00-0000-4000-8000-000000000003', '1f3a09c2-0000-4000-8000-000000000001', '8b0e44d1-0000-4000-8000-000000000002']

describe('the cursor of a stream over several stores', () => {
  it('is every store\'s key and base-36 seq in key order', () => {
    const positions = new Map([[IDS[0], 0], [IDS[1], 120], [IDS[2], 37]])
    expect(encodeCursor(positions)).toBe('m2.HzoJwg3c.iw5E0Q11.wP_uAA0')
    expect(decodeCursor(encodeCursor(positions), IDS)).toEqual(positions)
    expect(decodeCursor(encodeCursor(new Map([[IDS[1], 2 ** 40]])), IDS)).toEqual(new Map([[IDS[1], 2 ** 40]]))
  })

  it('still reads the m1 cursors given out before (8 hex digits, decimal seqs)', () => {
    expect(decodeCursor('m1_1f3a09c2.120_8b0e44d1.37_c0ffee00.0', IDS)).toEqual(new Map([[IDS[1], 120], [IDS[2], 37], [IDS[0], 0]]))
  })

  it('refuses what is not a cursor, and names no store a key shared by two', () => {
    for (const raw of ['12', 'm2.zz', 'm2.HzoJwg', 'm2.HzoJwg3c.', 'm2.Hzo+wg3c', 'm1_zz.1', 'm1_12345678'])
      expect(isCursor(raw) ? decodeCursor(raw, IDS) : undefined, raw).toBeUndefined()
    const twin = '1f3a09c2-0fff-4000-8000-000000000009'
    expect(decodeCursor(encodeCursor(new Map([[IDS[1], 5]])), [IDS[1], twin])).toEqual(new Map())
  })
})
